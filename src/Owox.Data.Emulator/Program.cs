namespace Owox.Data.Emulator;

internal static class Program
{
    private static int Main() => 0;
}
