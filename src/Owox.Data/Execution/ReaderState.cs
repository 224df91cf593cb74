namespace Owox.Data.Execution;

/// <summary>Where an <see cref="OwoxDataReader"/> is in its result; every member checks it instead of a set of flags.</summary>
internal enum ReaderState
{
    /// <summary>No row is current and more may follow: before the first <c>Read</c>.</summary>
    BeforeRow,

    /// <summary><c>HasRows</c> read the first row ahead; the next <c>Read</c> moves onto it without I/O.</summary>
    RowPeeked,

    /// <summary>A row is current: getters read it.</summary>
    OnRow,

    /// <summary>The result ended cleanly; <c>Read</c> returns false.</summary>
    Ended,

    /// <summary>The result stopped on a failure, a cancellation or a timeout; <c>Read</c> throws that stop again.</summary>
    Stopped,

    /// <summary>The reader is closed.</summary>
    Closed,
}
