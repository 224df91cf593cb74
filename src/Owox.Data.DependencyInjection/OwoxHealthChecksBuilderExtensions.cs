using System;
using System.Collections.Generic;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Owox.Data;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a health check of OWOX Data Marts to <c>services.AddHealthChecks()</c>.</summary>
public static class OwoxHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks the registered <see cref="OwoxDataSource"/> (or the one registered under <paramref name="serviceKey"/>):
    /// opens a connection (the key exchange) and lists the data marts the key may see. Healthy with the count in
    /// <c>data["dataMarts"]</c>; <paramref name="failureStatus"/> (default Unhealthy) with the provider's message otherwise.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported on failure; null is <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <param name="timeout">How long the check may take; null is the health check service's default.</param>
    /// <param name="serviceKey">The key of a data source registered with <c>AddKeyedOwoxDataSource</c>; null for the unkeyed one.</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddOwox(
        this IHealthChecksBuilder builder,
        string name = "owox",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null,
        object? serviceKey = null)
    {
        if (builder is null)
            throw new ArgumentNullException(nameof(builder));
        Func<IServiceProvider, OwoxDataSource> dataSource = serviceKey is null
            ? sp => sp.GetRequiredService<OwoxDataSource>()
            : sp => sp.GetRequiredKeyedService<OwoxDataSource>(serviceKey);
        return builder.Add(new HealthCheckRegistration(name, sp => new OwoxHealthCheck(dataSource, sp), failureStatus, tags, timeout));
    }
}
