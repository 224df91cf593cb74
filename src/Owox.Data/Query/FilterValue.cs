using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Owox.Data.Query;

/// <summary>
/// The <c>value</c> of a filter rule (wire-protocol §3.3.1): a scalar (string, integer, decimal, double, boolean), a list
/// of scalars for <c>in</c>/<c>not_in</c>, a <c>{from,to}</c> range for <c>between</c>, or a relative-date
/// preset. Values are kept typed and written with <see cref="Utf8JsonWriter"/>; nothing is concatenated.
/// </summary>
internal abstract class FilterValue
{
    public abstract void WriteTo(Utf8JsonWriter writer);

    public static FilterValue String(string value) => new ScalarValue(value);

    public static FilterValue Integer(long value) => new ScalarValue(value);

    public static FilterValue Decimal(decimal value) => new ScalarValue(value);

    public static FilterValue Double(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "A filter value must be a finite number.");
        return new ScalarValue(value);
    }

    public static FilterValue Boolean(bool value) => new ScalarValue(value);

    public static FilterValue List(IReadOnlyList<FilterValue> items) => new ListValue(items);

    public static FilterValue Range(FilterValue from, FilterValue to) => new RangeValue(from, to);

    /// <summary>A relative-date preset such as <c>today</c> or <c>last_n_days</c> with its count.</summary>
    public static FilterValue RelativeDate(string kind, int? count = null) => new RelativeDateValue(kind, count);

    /// <summary>The scalar this value holds (string, long, decimal, double or bool), or null for composite values.</summary>
    public virtual object? Scalar => null;

    private sealed class ScalarValue(object value) : FilterValue
    {
        public override object? Scalar => value;

        public override void WriteTo(Utf8JsonWriter writer)
        {
            switch (value)
            {
                case string s: writer.WriteStringValue(s); break;
                case long l: writer.WriteNumberValue(l); break;
                case decimal m: writer.WriteNumberValue(m); break;
                case double d: writer.WriteNumberValue(d); break;
                case bool b: writer.WriteBooleanValue(b); break;
                default: throw new InvalidOperationException("Unsupported filter scalar " + value.GetType());
            }
        }

        public override string ToString() => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private sealed class ListValue(IReadOnlyList<FilterValue> items) : FilterValue
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            foreach (var item in items)
                item.WriteTo(writer);
            writer.WriteEndArray();
        }
    }

    private sealed class RangeValue(FilterValue from, FilterValue to) : FilterValue
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("from");
            from.WriteTo(writer);
            writer.WritePropertyName("to");
            to.WriteTo(writer);
            writer.WriteEndObject();
        }
    }

    private sealed class RelativeDateValue(string kind, int? count) : FilterValue
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", kind);
            if (count is int n)
                writer.WriteNumber("n", n);
            writer.WriteEndObject();
        }
    }
}
