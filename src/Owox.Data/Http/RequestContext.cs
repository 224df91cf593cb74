namespace Owox.Data.Http;

/// <summary>What a request is for, so errors and logs can name it: "Opening the connection", "Streaming data mart x".</summary>
internal sealed class RequestContext(string operation, string? dataMartId = null, bool isExchange = false)
{
    public string Operation { get; } = operation;

    public string? DataMartId { get; } = dataMartId;

    public bool IsExchange { get; } = isExchange;

    public string? RequestId { get; set; }
}
