using System;
using System.Data.Common;

namespace Owox.Data;

/// <summary>
/// The error Owox.Data throws for everything the server or the network did wrong, and for input it cannot
/// send: it carries the HTTP status, the server's error <see cref="Code"/> and <see cref="Details"/>, the
/// run id of a stream, and whether retrying later may succeed (<see cref="IsTransient"/>). Messages never
/// contain the API key, its secret or an access token.
/// </summary>
public sealed class OwoxException : DbException
{
    /// <summary>Creates an exception with a message only (no HTTP status, not transient).</summary>
    public OwoxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public OwoxException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no message; prefer the other constructors.</summary>
    public OwoxException()
    {
    }

    internal OwoxException(string message, Exception? innerException, int? statusCode, string? code, string? details, bool isTransient)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Code = code;
        Details = details;
        _isTransient = isTransient;
    }

    private readonly bool _isTransient;

    /// <summary>The HTTP status of the failed response, or null when no response arrived (network failure, cut stream, local validation).</summary>
    public int? StatusCode { get; }

    /// <summary>The server's error code (<c>code</c>, else <c>error</c> of the error body, e.g. <c>STORAGE_READ_FAILED</c>), or null.</summary>
    public string? Code { get; }

    /// <summary>The server's error details as JSON text (<c>details</c>, else <c>errorDetails</c>), or null.</summary>
    public string? Details { get; }

    /// <summary>The <c>x-owox-run-id</c> of the stream this error belongs to, when the server sent one.</summary>
    public string? RunId { get; internal init; }

    /// <summary>The data-mart (or report) id the failed command targeted, when there was one.</summary>
    public string? DataMartId { get; internal init; }

    /// <summary>The <c>X-Request-Id</c> sent with the failed request; the server echoes it in its logs and error bodies.</summary>
    public string? RequestId { get; internal init; }

    /// <summary>How many rows the reader had handed out before a stream failed; null when no stream was open.</summary>
    public long? RowsRead { get; internal init; }

#if NET5_0_OR_GREATER
    /// <summary>True when the same request may succeed later unchanged (408, 429, 502, 503, 504, or a network failure before the first row).</summary>
    public override bool IsTransient => _isTransient;
#else
    /// <summary>True when the same request may succeed later unchanged (408, 429, 502, 503, 504, or a network failure before the first row).</summary>
    public bool IsTransient => _isTransient;
#endif
}
