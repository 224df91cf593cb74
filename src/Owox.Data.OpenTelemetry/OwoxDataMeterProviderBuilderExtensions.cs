using System;
using OpenTelemetry.Trace;

namespace OpenTelemetry.Metrics;

/// <summary>Adds Owox.Data's metrics to an OpenTelemetry meter provider (docs/telemetry.md lists them).</summary>
public static class OwoxDataMeterProviderBuilderExtensions
{
    /// <summary>The bucket boundaries, in seconds, the database client conventions advise for <c>db.client.operation.duration</c>.</summary>
    private static readonly double[] DurationBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];

    /// <summary>
    /// Listens to the <c>Owox.Data</c> meter — the <c>db.client.operation.duration</c> histogram (with the conventions'
    /// bucket boundaries) and the <c>owox.data.*</c> counters and histogram.
    /// </summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The same builder.</returns>
    public static MeterProviderBuilder AddOwoxDataInstrumentation(this MeterProviderBuilder builder)
    {
        if (builder is null)
            throw new ArgumentNullException(nameof(builder));
        return builder
            .AddMeter(OwoxDataInstrumentation.Name)
            .AddView(OwoxDataInstrumentation.OperationDuration, new ExplicitBucketHistogramConfiguration { Boundaries = DurationBuckets });
    }
}
