using System;

namespace Owox.Data.Emulator;

/// <summary>One injected fault; add it with <see cref="EmulatorFaults.Add"/>.</summary>
public sealed class FaultRule
{
    /// <summary>What the fault does.</summary>
    public FaultKind Kind { get; set; }

    /// <summary>Which endpoints it applies to (default: the NDJSON streams).</summary>
    public FaultTarget Target { get; set; } = FaultTarget.Stream;

    /// <summary>
    /// Restricts the fault to one data mart (or report) id — the stream of that id and its metadata paths;
    /// <see langword="null"/> (the default) matches any request of the <see cref="Target"/>.
    /// </summary>
    public string? DataMartId { get; set; }

    /// <summary>Rows written before a cut, a stall or the clean early end of <see cref="FaultKind.EndCleanlyShort"/> (default 0).</summary>
    public int AfterRows { get; set; }

    /// <summary>
    /// The wait of <see cref="FaultKind.Delay"/> (before headers), <see cref="FaultKind.SlowDrip"/> (per row) and
    /// <see cref="FaultKind.Stall"/> (idle time before the cut; zero = until the client leaves).
    /// </summary>
    public TimeSpan Delay { get; set; }

    /// <summary>How many matching requests the fault applies to before it clears itself; <see langword="null"/> = every one until removed.</summary>
    public int? Times { get; set; }

    /// <summary>The <c>Retry-After</c> of <see cref="FaultKind.TooManyRequests"/> (default 1 second).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The <c>Location</c> of <see cref="FaultKind.RedirectToOtherHost"/> (default <c>http://other-host.invalid/</c> + the path).</summary>
    public Uri? RedirectLocation { get; set; }

    /// <summary>The status of <see cref="FaultKind.NonJsonError"/> (default 500).</summary>
    public int StatusCode { get; set; } = 500;

    internal int Applied;
}
