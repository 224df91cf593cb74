namespace Owox.Data.Emulator;

/// <summary>What a <see cref="FaultRule"/> does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>Wait <see cref="FaultRule.Delay"/> before anything is sent, then answer normally.</summary>
    Delay,

    /// <summary>Stream <see cref="FaultRule.AfterRows"/> complete rows, then drop the connection without the chunked terminator.</summary>
    CutBetweenRows,

    /// <summary>Stream <see cref="FaultRule.AfterRows"/> rows plus half of the next one, flush, then drop the connection.</summary>
    CutMidRow,

    /// <summary>Wait <see cref="FaultRule.Delay"/> before every row (each row flushed on its own).</summary>
    SlowDrip,

    /// <summary>
    /// Stream <see cref="FaultRule.AfterRows"/> rows, then write nothing more until the client goes away — or, when
    /// <see cref="FaultRule.Delay"/> is set, until that idle time passes and the connection is cut (the server's idle-socket timeout).
    /// </summary>
    Stall,

    /// <summary>503 <c>Server is shutting down</c> (<c>error: "Service Unavailable"</c>), as during a deploy.</summary>
    ServiceUnavailable,

    /// <summary>502 with a plain-text body (a proxy's answer).</summary>
    BadGateway,

    /// <summary>504 with a plain-text body (a proxy's answer).</summary>
    GatewayTimeout,

    /// <summary>424 <c>STORAGE_READ_FAILED</c> with the documented body.</summary>
    StorageReadFailed,

    /// <summary>500 whose JSON body has no <c>message</c>.</summary>
    InternalServerError,

    /// <summary>429 <c>Too Many Requests</c> with <c>Retry-After</c> = <see cref="FaultRule.RetryAfter"/> seconds.</summary>
    TooManyRequests,

    /// <summary>200 with <c>Content-Type: text/html</c> (a misconfigured proxy's page).</summary>
    HtmlOk,

    /// <summary>302 to another host (<see cref="FaultRule.RedirectLocation"/>).</summary>
    RedirectToOtherHost,

    /// <summary>An error status (<see cref="FaultRule.StatusCode"/>, default 500) with a non-JSON body.</summary>
    NonJsonError,

    /// <summary>
    /// Stream <see cref="FaultRule.AfterRows"/> complete rows, then end the body cleanly (with the terminating zero-length
    /// chunk, as a normal end) while the run says <c>SUCCESS</c>, <c>completed: true</c> and the <c>rowCount</c> and
    /// <c>bytesWritten</c> of every row the query produced: rows lost between the server and the client with nothing
    /// signalling it, which only a comparison with the run record notices (wire-protocol §3.10). As for a normal end, the
    /// run is recorded before the body ends. A stream of no more than <see cref="FaultRule.AfterRows"/> rows is complete.
    /// Benchmark mode (<see cref="OwoxEmulatorOptions.PreRenderedPayload"/>) applies it too, counting payload lines as rows.
    /// </summary>
    EndCleanlyShort,
}
