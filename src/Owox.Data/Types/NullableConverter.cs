using System;
using System.Numerics;
using System.Text.Json;
using Owox.Data.Reading;

namespace Owox.Data.Types;

/// <summary>
/// <c>GetFieldValue&lt;T?&gt;</c> for the nullable forms of every value type <see cref="ValueConverter"/> supports,
/// spelled out so no reflection is needed (the provider is trimming- and AOT-safe on net8+).
/// </summary>
internal static class NullableConverter
{
    /// <summary>True when <typeparamref name="T"/> is a <see cref="Nullable{T}"/> (so NULL reads as null).</summary>
    public static bool IsNullable<T>() => default(T) is null && typeof(T).IsValueType;

    public static T To<T>(OwoxValueKind kind, in RawValue value)
    {
        if (typeof(T) == typeof(long?)) return (T)(object)ValueConverter.To<long>(kind, value);
        if (typeof(T) == typeof(int?)) return (T)(object)ValueConverter.To<int>(kind, value);
        if (typeof(T) == typeof(short?)) return (T)(object)ValueConverter.To<short>(kind, value);
        if (typeof(T) == typeof(byte?)) return (T)(object)ValueConverter.To<byte>(kind, value);
        if (typeof(T) == typeof(sbyte?)) return (T)(object)ValueConverter.To<sbyte>(kind, value);
        if (typeof(T) == typeof(ushort?)) return (T)(object)ValueConverter.To<ushort>(kind, value);
        if (typeof(T) == typeof(uint?)) return (T)(object)ValueConverter.To<uint>(kind, value);
        if (typeof(T) == typeof(ulong?)) return (T)(object)ValueConverter.To<ulong>(kind, value);
        if (typeof(T) == typeof(decimal?)) return (T)(object)ValueConverter.To<decimal>(kind, value);
        if (typeof(T) == typeof(double?)) return (T)(object)ValueConverter.To<double>(kind, value);
        if (typeof(T) == typeof(float?)) return (T)(object)ValueConverter.To<float>(kind, value);
        if (typeof(T) == typeof(BigInteger?)) return (T)(object)ValueConverter.To<BigInteger>(kind, value);
        if (typeof(T) == typeof(bool?)) return (T)(object)ValueConverter.To<bool>(kind, value);
        if (typeof(T) == typeof(DateTime?)) return (T)(object)ValueConverter.To<DateTime>(kind, value);
        if (typeof(T) == typeof(DateTimeOffset?)) return (T)(object)ValueConverter.To<DateTimeOffset>(kind, value);
        if (typeof(T) == typeof(TimeSpan?)) return (T)(object)ValueConverter.To<TimeSpan>(kind, value);
        if (typeof(T) == typeof(Guid?)) return (T)(object)ValueConverter.To<Guid>(kind, value);
        if (typeof(T) == typeof(char?)) return (T)(object)ValueConverter.To<char>(kind, value);
        if (typeof(T) == typeof(JsonElement?)) return (T)(object)ValueConverter.To<JsonElement>(kind, value);
#if NET6_0_OR_GREATER
        if (typeof(T) == typeof(DateOnly?)) return (T)(object)ValueConverter.To<DateOnly>(kind, value);
        if (typeof(T) == typeof(TimeOnly?)) return (T)(object)ValueConverter.To<TimeOnly>(kind, value);
#else
        if (Nullable.GetUnderlyingType(typeof(T)) is { } underlying && ValueConverter.LateBoundDateOrTime(underlying, kind, value) is { } boxed)
            return (T)boxed;
#endif
        throw new InvalidCastException();
    }
}
