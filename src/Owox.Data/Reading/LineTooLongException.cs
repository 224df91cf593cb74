using System;

namespace Owox.Data.Reading;

/// <summary>Raised by <see cref="NdjsonLineReader"/> when one NDJSON line exceeds the configured maximum.</summary>
internal sealed class LineTooLongException(int maxLineBytes)
    : Exception($"An NDJSON row is longer than {maxLineBytes / (1024 * 1024)} MiB.")
{
    public int MaxLineBytes { get; } = maxLineBytes;
}
