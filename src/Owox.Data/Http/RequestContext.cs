using Owox.Data.Diagnostics;

namespace Owox.Data.Http;

/// <summary>
/// What a request is for, so errors, logs and telemetry can name it: "Opening the connection", "Streaming data mart x",
/// and its <c>db.operation.name</c> (<see cref="OwoxTelemetry"/>). <see cref="Telemetry"/> is the operation's span and
/// measurement, which <see cref="OwoxApiClient"/> tells where the request went and what it answered.
/// </summary>
internal sealed class RequestContext(string operation, string dbOperation, string? dataMartId = null, bool isExchange = false)
{
    public string Operation { get; } = operation;

    public string DbOperation { get; } = dbOperation;

    public string? DataMartId { get; } = dataMartId;

    public bool IsExchange { get; } = isExchange;

    public string? RequestId { get; set; }

    public OperationTelemetry? Telemetry { get; set; }
}
