namespace Owox.Data.Execution;

/// <summary>Why a command's execution stopped before its result ended; the first reason recorded wins.</summary>
internal enum StopReason
{
    /// <summary>Not stopped.</summary>
    None,

    /// <summary><c>DbCommand.Cancel()</c>, or the token given to <c>ExecuteReaderAsync</c> or to one <c>ReadAsync</c>: an <see cref="System.OperationCanceledException"/>.</summary>
    Cancelled,

    /// <summary>A wait on the server outlasted <c>CommandTimeout</c>: an <see cref="OwoxException"/> with code <c>TIMEOUT</c>.</summary>
    Timeout,

    /// <summary>The reader (or its connection) was closed: reading again is an <see cref="System.InvalidOperationException"/>.</summary>
    Closed,
}
