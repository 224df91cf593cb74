using System;
using System.Collections.Generic;

namespace Owox.Data.Emulator;

/// <summary>
/// The fault-injection switchboard of an emulator. Rules are matched in the order they were added; a rule with a
/// <see cref="FaultRule.Times"/> count removes itself once it has applied that many times. Thread-safe.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly List<FaultRule> _rules = [];
    private readonly object _gate = new();

    internal EmulatorFaults()
    {
    }

    /// <summary>Adds a fault rule and returns it (so it can be passed to <see cref="Remove"/> later).</summary>
    public FaultRule Add(FaultRule rule)
    {
        if (rule is null)
        {
            throw new ArgumentNullException(nameof(rule));
        }

        if (rule.Times is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "FaultRule.Times must be positive or null.");
        }

        lock (_gate)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Removes one rule; does nothing when it is not present.</summary>
    public void Remove(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Remove(rule);
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The number of active rules.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rules.Count;
            }
        }
    }

    /// <summary>Finds and consumes the matching rules for one request (pre-header delays first, then at most one other fault).</summary>
    internal (TimeSpan PreDelay, FaultRule? Fault) Take(FaultTarget target, string? entityId)
    {
        var delay = TimeSpan.Zero;
        FaultRule? fault = null;
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!Matches(rule, target, entityId))
                {
                    continue;
                }

                if (rule.Kind == FaultKind.Delay)
                {
                    delay += rule.Delay;
                }
                else if (fault is null)
                {
                    fault = rule;
                }
                else
                {
                    continue;
                }

                rule.Applied++;
                if (rule.Times is { } times && rule.Applied >= times)
                {
                    _rules.RemoveAt(i);
                    i--;
                }
            }
        }

        return (delay, fault);
    }

    private static bool Matches(FaultRule rule, FaultTarget target, string? entityId)
    {
        if (rule.Target != FaultTarget.Any && rule.Target != target)
        {
            return false;
        }

        return rule.DataMartId is null || string.Equals(rule.DataMartId, entityId, StringComparison.Ordinal);
    }
}
