using System;
using System.Collections;
using System.Collections.Generic;
using System.Data.Common;

namespace Owox.Data;

/// <summary>The parameters of an <c>OwoxCommand</c>; names match with or without their <c>@</c>/<c>:</c> prefix, ignoring case.</summary>
public sealed class OwoxParameterCollection : DbParameterCollection, IList<OwoxParameter>
{
    private readonly List<OwoxParameter> _items = [];

    internal OwoxParameterCollection()
    {
    }

    /// <summary>The number of parameters.</summary>
    public override int Count => _items.Count;

    /// <summary>An object to lock on; the collection itself is not thread-safe.</summary>
    public override object SyncRoot => ((ICollection)_items).SyncRoot;

    /// <summary>The parameter at <paramref name="index"/>.</summary>
    public new OwoxParameter this[int index]
    {
        get => _items[index];
        set => _items[index] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The parameter named <paramref name="parameterName"/> (prefix optional).</summary>
    public new OwoxParameter this[string parameterName]
    {
        get => (OwoxParameter)GetParameter(parameterName);
        set => SetParameter(parameterName, value);
    }

    /// <summary>Adds a parameter with a name and value and returns it.</summary>
    public OwoxParameter AddWithValue(string parameterName, object? value)
    {
        var parameter = new OwoxParameter(parameterName, value);
        _items.Add(parameter);
        return parameter;
    }

    /// <summary>Adds a parameter and returns it.</summary>
    public OwoxParameter Add(OwoxParameter parameter)
    {
        _items.Add(parameter ?? throw new ArgumentNullException(nameof(parameter)));
        return parameter;
    }

    void ICollection<OwoxParameter>.Add(OwoxParameter item) => Add(item);

    /// <summary>False: parameters can always be added and removed.</summary>
    public override bool IsReadOnly => false;

    /// <summary>True when the collection holds this parameter object.</summary>
    public bool Contains(OwoxParameter item) => _items.Contains(item);

    /// <summary>Copies the parameters into <paramref name="array"/>.</summary>
    public void CopyTo(OwoxParameter[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    /// <summary>The index of this parameter object, or -1.</summary>
    public int IndexOf(OwoxParameter item) => _items.IndexOf(item);

    /// <summary>Inserts a parameter at <paramref name="index"/>.</summary>
    public void Insert(int index, OwoxParameter item) => _items.Insert(index, item ?? throw new ArgumentNullException(nameof(item)));

    /// <summary>Removes this parameter object; false when it was not in the collection.</summary>
    public bool Remove(OwoxParameter item) => _items.Remove(item ?? throw new ArgumentNullException(nameof(item)));

    IEnumerator<OwoxParameter> IEnumerable<OwoxParameter>.GetEnumerator() => _items.GetEnumerator();

    /// <summary>Adds an <see cref="OwoxParameter"/> and returns its index.</summary>
    public override int Add(object value)
    {
        _items.Add(Cast(value));
        return _items.Count - 1;
    }

    /// <summary>Adds every <see cref="OwoxParameter"/> in <paramref name="values"/>.</summary>
    public override void AddRange(Array values)
    {
        if (values is null)
            throw new ArgumentNullException(nameof(values));
        foreach (var value in values)
            _items.Add(Cast(value));
    }

    /// <summary>Removes every parameter.</summary>
    public override void Clear() => _items.Clear();

    /// <summary>True when the collection holds this parameter object.</summary>
    public override bool Contains(object value) => value is OwoxParameter p && _items.Contains(p);

    /// <summary>True when a parameter with this name exists (prefix optional, case-insensitive).</summary>
    public override bool Contains(string value) => IndexOf(value) >= 0;

    /// <summary>Copies the parameters into <paramref name="array"/>.</summary>
    public override void CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);

    /// <summary>Enumerates the parameters in order.</summary>
    public override IEnumerator GetEnumerator() => _items.GetEnumerator();

    /// <summary>The index of this parameter object, or -1.</summary>
    public override int IndexOf(object value) => value is OwoxParameter p ? _items.IndexOf(p) : -1;

    /// <summary>The index of the parameter with this name (prefix optional, case-insensitive), or -1.</summary>
    public override int IndexOf(string parameterName)
    {
        var name = OwoxParameter.NormalizeName(parameterName ?? string.Empty);
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].NormalizedName, name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    /// <summary>Inserts a parameter at <paramref name="index"/>.</summary>
    public override void Insert(int index, object value) => _items.Insert(index, Cast(value));

    /// <summary>Removes this parameter object.</summary>
    public override void Remove(object value) => _items.Remove(Cast(value));

    /// <summary>Removes the parameter at <paramref name="index"/>.</summary>
    public override void RemoveAt(int index) => _items.RemoveAt(index);

    /// <summary>Removes the parameter with this name.</summary>
    public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOfExisting(parameterName));

    /// <inheritdoc />
    protected override DbParameter GetParameter(int index) => _items[index];

    /// <inheritdoc />
    protected override DbParameter GetParameter(string parameterName) => _items[IndexOfExisting(parameterName)];

    /// <inheritdoc />
    protected override void SetParameter(int index, DbParameter value) => _items[index] = Cast(value);

    /// <inheritdoc />
    protected override void SetParameter(string parameterName, DbParameter value)
    {
        var index = IndexOf(parameterName);
        if (index < 0)
            _items.Add(Cast(value));
        else
            _items[index] = Cast(value);
    }

    internal List<OwoxParameter> Items => _items;

    private int IndexOfExisting(string parameterName)
    {
        var index = IndexOf(parameterName);
        if (index < 0)
            throw new ArgumentException($"No parameter named '{parameterName}' exists in this command's Parameters.", nameof(parameterName));
        return index;
    }

    private static OwoxParameter Cast(object? value) => value is null
        ? throw new ArgumentNullException(nameof(value), "A parameter collection cannot hold null; add an OwoxParameter (its Value may be DBNull.Value).")
        : value as OwoxParameter ?? throw new InvalidCastException($"OwoxParameterCollection only holds OwoxParameter objects, not {value?.GetType().Name ?? "null"}. Create parameters with OwoxCommand.CreateParameter() or new OwoxParameter(name, value).");
}
