namespace Owox.Data.Benchmarks;

/// <summary>
/// What the parent asks a child to measure — the JSON line it writes to the child's stdin: the read path and the
/// emulator's key (its <c>apiOrigin</c> is the emulator the parent hosts). The in-memory path also needs the size of
/// the pre-rendered block (it downloads that block once into its own memory) and how many times the emulator repeats it.
/// </summary>
internal sealed record MeasureRequest(ReadPath Path, string ApiKey, int BlockBytes, int Repeat);
