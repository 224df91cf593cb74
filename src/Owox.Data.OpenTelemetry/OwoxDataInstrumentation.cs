namespace OpenTelemetry.Trace;

/// <summary>The names Owox.Data's activity source, meter and duration histogram have (docs/telemetry.md).</summary>
internal static class OwoxDataInstrumentation
{
    /// <summary>The <c>ActivitySource</c> and <c>Meter</c> name.</summary>
    public const string Name = "Owox.Data";

    public const string OperationDuration = "db.client.operation.duration";
}
