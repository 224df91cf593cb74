namespace Owox.Data;

/// <summary>
/// The <see cref="OwoxException.Code"/> values Owox.Data itself sets, so a tool can tell what happened without
/// parsing messages. Any other code is the server's own (<c>code</c> or <c>error</c> of its error body, such as
/// <c>STORAGE_READ_FAILED</c>).
/// </summary>
public static class OwoxErrorCodes
{
    /// <summary>A wait on the server outlasted <c>CommandTimeout</c>; the stream was closed.</summary>
    public const string Timeout = "TIMEOUT";

    /// <summary>The body ended without the chunked terminator: the server or the network cut the stream, so the rows read are not the whole result.</summary>
    public const string StreamTruncated = "STREAM_TRUNCATED";

    /// <summary>A line of the body was not a JSON object: the response is corrupt or not from an OWOX server.</summary>
    public const string MalformedNdjson = "MALFORMED_NDJSON";

    /// <summary>One row was longer than the most Owox.Data accepts (64 MiB).</summary>
    public const string RowTooLarge = "ROW_TOO_LARGE";

    /// <summary>The request could not reach the server, or the connection failed before a response arrived.</summary>
    public const string NetworkError = "NETWORK_ERROR";

    /// <summary>The server answered 200 with a content type other than <c>application/x-ndjson</c> (a proxy or login page).</summary>
    public const string UnexpectedContentType = "UNEXPECTED_CONTENT_TYPE";
}
