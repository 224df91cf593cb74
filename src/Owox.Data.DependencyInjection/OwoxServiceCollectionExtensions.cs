using System;
using System.Data.Common;
using System.Net.Http;
using Microsoft.Extensions.Logging;
using Owox.Data;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Owox.Data in a service collection: an <see cref="OwoxDataSource"/> (also as <c>DbDataSource</c> on
/// .NET 7+), and <see cref="OwoxConnection"/> / <see cref="DbConnection"/> created from it. Requests go through an
/// <see cref="IHttpClientFactory"/> named client (<see cref="HttpClientName"/> by default) whose primary handler
/// never follows redirects, so the application can add its own delegating handlers to the returned builder.
/// </summary>
public static class OwoxServiceCollectionExtensions
{
    /// <summary>The default name of the HttpClient Owox.Data requests go through.</summary>
    public const string HttpClientName = "Owox.Data";

    /// <summary>Registers a data source for <paramref name="connectionString"/> (the bare key, or keywords).</summary>
    /// <returns>The named HttpClient's builder, to add handlers to.</returns>
    public static IHttpClientBuilder AddOwoxDataSource(
        this IServiceCollection services,
        string connectionString,
        Action<OwoxDataSourceBuilder>? configure = null,
        ServiceLifetime connectionLifetime = ServiceLifetime.Transient,
        ServiceLifetime dataSourceLifetime = ServiceLifetime.Singleton) =>
        services.AddOwoxDataSource(_ => connectionString, configure is null ? null : (_, builder) => configure(builder), connectionLifetime, dataSourceLifetime);

    /// <summary>
    /// Registers a data source whose connection string is read from the services when it is first needed (e.g.
    /// <c>sp => sp.GetRequiredService&lt;IConfiguration&gt;().GetConnectionString("Owox")</c>).
    /// </summary>
    /// <returns>The named HttpClient's builder, to add handlers to.</returns>
    public static IHttpClientBuilder AddOwoxDataSource(
        this IServiceCollection services,
        Func<IServiceProvider, string> connectionString,
        Action<IServiceProvider, OwoxDataSourceBuilder>? configure = null,
        ServiceLifetime connectionLifetime = ServiceLifetime.Transient,
        ServiceLifetime dataSourceLifetime = ServiceLifetime.Singleton)
    {
        if (services is null)
            throw new ArgumentNullException(nameof(services));
        if (connectionString is null)
            throw new ArgumentNullException(nameof(connectionString));

        services.Add(new ServiceDescriptor(typeof(OwoxDataSource), sp => Build(sp, HttpClientName, connectionString, configure), dataSourceLifetime));
#if NET7_0_OR_GREATER
        services.Add(new ServiceDescriptor(typeof(DbDataSource), sp => sp.GetRequiredService<OwoxDataSource>(), dataSourceLifetime));
#endif
        services.Add(new ServiceDescriptor(typeof(OwoxConnection), sp => sp.GetRequiredService<OwoxDataSource>().CreateConnection(), connectionLifetime));
        services.Add(new ServiceDescriptor(typeof(DbConnection), sp => sp.GetRequiredService<OwoxConnection>(), connectionLifetime));
        return AddHttpClient(services, HttpClientName);
    }

    /// <summary>
    /// Registers a data source under <paramref name="serviceKey"/> (keyed services), for applications that use
    /// several API keys. Its HttpClient is named <c>Owox.Data:{serviceKey}</c>.
    /// </summary>
    /// <returns>The named HttpClient's builder, to add handlers to.</returns>
    public static IHttpClientBuilder AddKeyedOwoxDataSource(
        this IServiceCollection services,
        object serviceKey,
        string connectionString,
        Action<OwoxDataSourceBuilder>? configure = null,
        ServiceLifetime connectionLifetime = ServiceLifetime.Transient,
        ServiceLifetime dataSourceLifetime = ServiceLifetime.Singleton)
    {
        if (services is null)
            throw new ArgumentNullException(nameof(services));
        if (serviceKey is null)
            throw new ArgumentNullException(nameof(serviceKey));
        var clientName = HttpClientName + ":" + serviceKey;
        services.Add(new ServiceDescriptor(typeof(OwoxDataSource), serviceKey, (sp, _) => Build(sp, clientName, _ => connectionString, configure is null ? null : (_, b) => configure(b)), dataSourceLifetime));
#if NET7_0_OR_GREATER
        services.Add(new ServiceDescriptor(typeof(DbDataSource), serviceKey, (sp, key) => sp.GetRequiredKeyedService<OwoxDataSource>(key), dataSourceLifetime));
#endif
        services.Add(new ServiceDescriptor(typeof(OwoxConnection), serviceKey, (sp, key) => sp.GetRequiredKeyedService<OwoxDataSource>(key).CreateConnection(), connectionLifetime));
        services.Add(new ServiceDescriptor(typeof(DbConnection), serviceKey, (sp, key) => sp.GetRequiredKeyedService<OwoxConnection>(key), connectionLifetime));
        return AddHttpClient(services, clientName);
    }

    private static OwoxDataSource Build(IServiceProvider services, string clientName, Func<IServiceProvider, string> connectionString, Action<IServiceProvider, OwoxDataSourceBuilder>? configure)
    {
        var factory = services.GetRequiredService<IHttpClientFactory>();
        var builder = new OwoxDataSourceBuilder(connectionString(services))
            .UseHttpClientFactory(() => factory.CreateClient(clientName));
        if (services.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggerFactory)
            builder.UseLoggerFactory(loggerFactory);
        configure?.Invoke(services, builder);
        return builder.Build();
    }

    private static IHttpClientBuilder AddHttpClient(IServiceCollection services, string name) =>
        services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);

    private static HttpMessageHandler CreatePrimaryHandler() => OwoxDataSourceBuilder.CreateDefaultHttpMessageHandler();
}
