namespace Owox.Data.Samples.Reporting;

internal static class Program
{
    private static int Main() => 0;
}
