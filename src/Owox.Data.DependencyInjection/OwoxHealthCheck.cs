using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Owox.Data;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Opens a connection of the registered data source and lists the data marts its key may see.</summary>
internal sealed class OwoxHealthCheck(Func<IServiceProvider, OwoxDataSource> dataSource, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var source = dataSource(services);
            using var connection = source.CreateConnection();
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
#if NET5_0_OR_GREATER
            var marts = await connection.GetSchemaAsync("Tables", cancellationToken).ConfigureAwait(false);
#else
            // netstandard2.0's DbConnection has no GetSchemaAsync.
            var marts = connection.GetSchema("Tables");
#endif
            return HealthCheckResult.Healthy(
                $"OWOX Data Marts {connection.ServerVersion} answered; the key sees {marts.Rows.Count} data marts.",
                new Dictionary<string, object> { ["dataMarts"] = marts.Rows.Count });
        }
        catch (Exception e) when (e is OwoxException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, e.Message, e);
        }
    }
}
