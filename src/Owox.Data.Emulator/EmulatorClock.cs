using System;
using System.Threading;

namespace Owox.Data.Emulator;

/// <summary>
/// The emulator's controllable clock. It drives token expiry, key expiry, rate-limit windows, run timestamps and
/// the <c>relative_date</c> filter's "today". It starts at the real UTC time (or <see cref="OwoxEmulatorOptions.ClockStart"/>)
/// and only moves when <see cref="Advance"/> or <see cref="Set"/> is called — it never ticks on its own.
/// </summary>
public sealed class EmulatorClock
{
    private long _ticks;

    internal EmulatorClock(DateTimeOffset start) => _ticks = start.UtcTicks;

    /// <summary>The current emulated time (UTC).</summary>
    public DateTimeOffset Now => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>The current emulated UTC date (the warehouses' <c>CURRENT_DATE</c>).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>Moves the clock forward (or backward, with a negative value) by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    /// <summary>Sets the clock to <paramref name="now"/>.</summary>
    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);
}
