using System;
using System.Globalization;

namespace Owox.Data.Emulator.Rendering;

/// <summary>Number text exactly as JavaScript's <c>JSON.stringify</c> / big.js <c>toString</c> write it.</summary>
internal static class JsNumber
{
    /// <summary>Shortest round-trip form; exponent form for magnitudes ≥ 1e21 or &lt; 1e-6; NaN/∞ → <c>null</c>.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "null";
        }

        if (value == 0)
        {
            return "0";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);

        // .NET and JavaScript agree on the shortest round-trip digits; they differ only in when to use exponents.
        return text.Contains('E', StringComparison.Ordinal) ? Normalize(text) : text;
    }

    /// <summary>A decimal in big.js form: trailing zeros dropped, exponent form when the exponent is ≥ 21 or ≤ −7.</summary>
    public static string Format(decimal value)
    {
        if (value == 0)
        {
            return "0";
        }

        var text = value.ToString(CultureInfo.InvariantCulture);
        var abs = Math.Abs(value);
        return abs >= 0.000001m && abs < 1e21m && (!text.Contains('.', StringComparison.Ordinal) || text[^1] != '0') ? text : Normalize(text);
    }

    /// <summary>Re-renders any .NET numeric text (<c>-1.50</c>, <c>1E-07</c>, <c>1.5E+21</c>) in JavaScript form.</summary>
    public static string Normalize(string text)
    {
        var negative = text.StartsWith('-');
        var body = negative ? text.AsSpan(1) : text.AsSpan();
        var exponent = 0;
        var e = body.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }

        var dot = body.IndexOf('.');
        string digits;
        int pointPosition;
        if (dot >= 0)
        {
            digits = string.Concat(body[..dot], body[(dot + 1)..]);
            pointPosition = dot;
        }
        else
        {
            digits = body.ToString();
            pointPosition = digits.Length;
        }

        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }

        digits = digits[lead..];
        pointPosition -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        // value = 0.d1d2...dk × 10^n
        var n = pointPosition + exponent;
        var k = digits.Length;
        string result;
        if (k <= n && n <= 21)
        {
            result = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            result = "0." + new string('0', -n) + digits;
        }
        else
        {
            var exp = n - 1;
            result = digits[..1] + (k > 1 ? "." + digits[1..] : "") + "e" + (exp >= 0 ? "+" : "-") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
        }

        return negative ? "-" + result : result;
    }

    /// <summary>A decimal as plain text (no exponent), trailing zeros dropped — the Athena/Redshift decimal form.</summary>
    public static string FormatPlain(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text == "-0" ? "0" : text;
    }
}
