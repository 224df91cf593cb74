using System;

namespace OpenTelemetry.Trace;

/// <summary>Adds Owox.Data's spans to an OpenTelemetry tracer provider (docs/telemetry.md lists their names and attributes).</summary>
public static class OwoxDataTracerProviderBuilderExtensions
{
    /// <summary>
    /// Listens to the <c>Owox.Data</c> activity source: one client span per request the provider sends (stream, metadata
    /// read, key exchange), named <c>{db.operation.name} {db.collection.name}</c> after the database client conventions.
    /// </summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The same builder.</returns>
    public static TracerProviderBuilder AddOwoxDataInstrumentation(this TracerProviderBuilder builder)
    {
        if (builder is null)
            throw new ArgumentNullException(nameof(builder));
        return builder.AddSource(OwoxDataInstrumentation.Name);
    }
}
