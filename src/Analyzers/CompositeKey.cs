namespace Forklift.Analyzers;

/// <summary>
/// A key of two or three parts for a dictionary or set, compared part by part as a tuple is
/// (<see cref="object.Equals(object, object)"/> on each part, so a symbol compares as its own <c>Equals</c> says).
/// </summary>
/// <remarks>
/// Why not a value tuple: a collection keyed by a struct runs code that no precompiled image holds (the framework's
/// images hold their generic code shared for reference types only), so every new compiler process compiles each of
/// its methods on first use. On NLog's compile, Forklift's tuple-keyed collections cost more than a hundred such
/// compilations per process. A class key uses the framework's shared, precompiled code.
/// </remarks>
internal sealed class CompositeKey : IEquatable<CompositeKey>
{
    private readonly object? _first;
    private readonly object? _second;
    private readonly object? _third;
    private readonly int _number;

    public CompositeKey(object? first, object? second, object? third = null, int number = 0)
    {
        _first = first;
        _second = second;
        _third = third;
        _number = number;
    }

    public bool Equals(CompositeKey? other)
        => other is not null && _number == other._number
            && Equals(_first, other._first) && Equals(_second, other._second) && Equals(_third, other._third);

    public override bool Equals(object? obj) => obj is CompositeKey other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            var hash = _number;
            hash = (hash * -1521134295) + (_first?.GetHashCode() ?? 0);
            hash = (hash * -1521134295) + (_second?.GetHashCode() ?? 0);
            return (hash * -1521134295) + (_third?.GetHashCode() ?? 0);
        }
    }
}
