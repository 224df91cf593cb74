using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using Owox.Data.Emulator.Model;
using Owox.Data.Emulator.Query;

namespace Owox.Data.Emulator.Storage;

/// <summary>The scalar and aggregate functions the generated SQL relies on.</summary>
internal static class SqliteFunctions
{
    public static void Register(SqliteConnection connection)
    {
        connection.CreateFunction<string, string?, bool?>("owox_regexp", static (pattern, value) =>
            value is null ? null : RegexCache.Get(pattern)?.IsMatch(value) ?? false, isDeterministic: true);

        connection.CreateFunction<string?, string, string?>("owox_to_zone", static (value, zone) =>
        {
            if (value is null || !Canonical.TryParseInstant(value, out var utc))
            {
                return value;
            }

            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(zone));
            return Canonical.Timestamp(local);
        }, isDeterministic: true);

        connection.CreateAggregate<double?, double, PercentileState?, double?>(
            "owox_percentile",
            null,
            static (state, value, p) =>
            {
                state ??= new PercentileState(p);
                if (value is { } v)
                {
                    state.Values.Add(v);
                }

                return state;
            },
            static state =>
            {
                if (state is null || state.Values.Count == 0)
                {
                    return null;
                }

                state.Values.Sort();
                return Interpolate(state.Values, state.P);
            },
            isDeterministic: true);
    }

    private sealed class PercentileState(double p)
    {
        public double P { get; } = p;

        public List<double> Values { get; } = [];
    }

    /// <summary>Continuous (interpolated) percentile.</summary>
    public static double Interpolate(List<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}
