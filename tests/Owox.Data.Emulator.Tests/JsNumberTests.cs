using Owox.Data.Emulator.Rendering;

namespace Owox.Data.Emulator.Tests;

/// <summary>Number text as JavaScript's JSON.stringify / big.js write it (wire-protocol §3.6, §3.8).</summary>
public sealed class JsNumberTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(3.14, "3.14")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(9007199254740993.0, "9007199254740992")]
    [InlineData(double.NaN, "null")]
    [InlineData(double.PositiveInfinity, "null")]
    public void Doubles(double value, string expected) => Assert.Equal(expected, JsNumber.Format(value));

    [Theory]
    [InlineData("123.45", "123.45")]
    [InlineData("120.50", "120.5")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("1500000000000000000000", "1.5e+21")]
    [InlineData("-0.50", "-0.5")]
    [InlineData("100", "100")]
    public void Decimals(string value, string expected) => Assert.Equal(expected, JsNumber.Format(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
