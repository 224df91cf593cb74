using System;
using System.Globalization;
using System.IO;

namespace Owox.Data.Cli.Tests.Samples;

/// <summary>A log that runs <paramref name="action"/> whenever a line starts with <paramref name="prefix"/> and contains <paramref name="text"/>.</summary>
internal sealed class LogHook(string prefix, string text, Action action) : StringWriter(CultureInfo.InvariantCulture)
{
    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        if (value is not null && value.StartsWith(prefix, StringComparison.Ordinal) && value.Contains(text, StringComparison.Ordinal))
            action();
    }
}
