using System;
using System.Data.Common;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Owox.Data;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Owox.Data in a service collection: an <see cref="OwoxDataSource"/> (also as <c>DbDataSource</c> on
/// .NET 7+), and <see cref="OwoxConnection"/> / <see cref="DbConnection"/> created from it. Requests go through an
/// <see cref="IHttpClientFactory"/> named client (<see cref="HttpClientName"/> by default) whose primary handler
/// never follows redirects, so the application can add its own delegating handlers to the returned builder. Services
/// are added with <c>TryAdd</c>: a second call for the same services (or key) keeps the first registration.
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

        services.TryAdd(new ServiceDescriptor(typeof(OwoxDataSource), sp => Build(sp, HttpClientName, connectionString, configure), dataSourceLifetime));
#if NET7_0_OR_GREATER
        services.TryAdd(new ServiceDescriptor(typeof(DbDataSource), sp => sp.GetRequiredService<OwoxDataSource>(), dataSourceLifetime));
#endif
        services.TryAdd(new ServiceDescriptor(typeof(OwoxConnection), sp => sp.GetRequiredService<OwoxDataSource>().CreateConnection(), connectionLifetime));
        services.TryAdd(new ServiceDescriptor(typeof(DbConnection), sp => sp.GetRequiredService<OwoxConnection>(), connectionLifetime));
        return AddHttpClient(services, HttpClientName);
    }

    /// <summary>
    /// Registers a data source whose connection string comes from <paramref name="configuration"/>, read when the data
    /// source is first needed: the section's own value (<c>"Owox": "owox_key_…"</c>), else its <c>ConnectionString</c>
    /// child, else each child as a connection-string keyword (<c>"Owox": { "ApiKey": "…", "CommandTimeout": 60 }</c>;
    /// spaces in keywords are optional). An unknown keyword is an <see cref="ArgumentException"/> naming it.
    /// </summary>
    /// <returns>The named HttpClient's builder, to add handlers to.</returns>
    public static IHttpClientBuilder AddOwoxDataSource(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<OwoxDataSourceBuilder>? configure = null,
        ServiceLifetime connectionLifetime = ServiceLifetime.Transient,
        ServiceLifetime dataSourceLifetime = ServiceLifetime.Singleton)
    {
        if (configuration is null)
            throw new ArgumentNullException(nameof(configuration));
        return services.AddOwoxDataSource(_ => ConnectionString(configuration), configure is null ? null : (_, builder) => configure(builder), connectionLifetime, dataSourceLifetime);
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
        services.TryAdd(new ServiceDescriptor(typeof(OwoxDataSource), serviceKey, (sp, _) => Build(sp, clientName, _ => connectionString, configure is null ? null : (_, b) => configure(b)), dataSourceLifetime));
#if NET7_0_OR_GREATER
        services.TryAdd(new ServiceDescriptor(typeof(DbDataSource), serviceKey, (sp, key) => sp.GetRequiredKeyedService<OwoxDataSource>(key), dataSourceLifetime));
#endif
        services.TryAdd(new ServiceDescriptor(typeof(OwoxConnection), serviceKey, (sp, key) => sp.GetRequiredKeyedService<OwoxDataSource>(key).CreateConnection(), connectionLifetime));
        services.TryAdd(new ServiceDescriptor(typeof(DbConnection), serviceKey, (sp, key) => sp.GetRequiredKeyedService<OwoxConnection>(key), connectionLifetime));
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

    private static string ConnectionString(IConfiguration configuration)
    {
        if (configuration is IConfigurationSection { Value: { Length: > 0 } value })
            return value;
        if (configuration["ConnectionString"] is { Length: > 0 } connectionString)
            return connectionString;
        var builder = new OwoxConnectionStringBuilder();
        foreach (var child in configuration.GetChildren())
        {
            if (child.Value is not null)
                builder[child.Key] = child.Value;
        }
        if (builder.ApiKey.Length == 0)
        {
            var path = configuration is IConfigurationSection section ? $"'{section.Path}'" : "the configuration";
            throw new InvalidOperationException($"Owox.Data found no API key in {path}: set it to the key, or give it a ConnectionString or an ApiKey entry.");
        }
        return builder.ConnectionString;
    }

    private static IHttpClientBuilder AddHttpClient(IServiceCollection services, string name) =>
        services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);

    private static HttpMessageHandler CreatePrimaryHandler() => OwoxDataSourceBuilder.CreateDefaultHttpMessageHandler();
}
