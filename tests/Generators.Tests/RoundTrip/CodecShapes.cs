using System.Collections.Immutable;

namespace Forklift.Generators.Tests.RoundTrip;

// Every supported type shape, as an identity [Parallel] method: the generator (referenced as an analyzer of this
// project) emits the codecs, and the tests run each method's descriptor the way a worker does.

public enum Color
{
    Red,
    Green = 5,
}

public enum Small : byte
{
    None,
    Max = 255,
}

public sealed record Line(string Sku, int Quantity, decimal Price);

public sealed record Order(Guid Id, string? Customer, List<Line> Lines, Dictionary<string, int[]>? Tags)
{
    public DateTimeOffset? ShippedAt { get; init; }

    public Color Color { get; set; }

    public decimal Total => Lines.Sum(l => l.Quantity * l.Price);
}

public sealed class Settings
{
    public string Name { get; set; } = string.Empty;

    public int? Limit { get; set; }

    public HashSet<string> Flags { get; set; } = new();
}

public struct Point
{
    public int X;
    public int Y;
}

public readonly record struct Size(double Width, double Height);

// Nested, but not recursive: a type that contains itself is a cycle, which FL3003 rejects.
public sealed record Address(string City, string? Street);

/// <summary>Not sealed: the codec encodes a Shape's members only, so it must refuse a derived Circle.</summary>
public record Shape(string Name);

public sealed record Circle(string Name, double Radius) : Shape(Name);

public sealed record Employee(string Name, Address? Home, IReadOnlyList<Address> Previous);

public sealed record Department(string Name, List<Employee> Staff, Employee? Head);

/// <summary>The example of issue #11: state in a private field, a private setter and a get-only collection.</summary>
public sealed class Account
{
    private decimal balance;

    public decimal Balance => balance;

    public int Version { get; private set; }

    public List<string> History { get; } = new();

    public void Deposit(decimal amount)
    {
        balance += amount;
        Version++;
        History.Add("deposit " + amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>A struct whose constructor parameters match no member: built by default, its readonly field set through an accessor.</summary>
public struct Counter
{
    private readonly int _count;

    public Counter(int start, string label)
    {
        _count = start;
        Label = label;
    }

    public string Label { get; set; }

    public readonly int Count => _count;
}

/// <summary>Not sealed, with private state of its own: the derived type's codec reaches it through an accessor on this type.</summary>
public class Entity
{
    private readonly Guid _id = Guid.NewGuid();

    public Guid Id => _id;
}

public sealed class Customer : Entity
{
    // Not sent: a cache the worker rebuilds.
    [NonSerialized]
    private int _lookups;

    public string Name { get; set; } = string.Empty;

    public int Lookups => _lookups;

    public void Look() => _lookups++;
}

/// <summary>Only a private constructor: created through an accessor, then filled field by field.</summary>
public sealed class Ledger
{
    private readonly List<decimal> _entries = new();

    private Ledger()
    {
    }

    public IReadOnlyList<decimal> Entries => _entries;

    public string Owner { get; init; } = string.Empty;

    public static Ledger Open(string owner, params decimal[] entries)
    {
        var ledger = new Ledger { Owner = owner };
        ledger._entries.AddRange(entries);
        return ledger;
    }
}

public static partial class Echo
{
    [Parallel] public static bool Boolean(bool value) => value;
    [Parallel] public static byte Byte(byte value) => value;
    [Parallel] public static sbyte SByte(sbyte value) => value;
    [Parallel] public static short Int16(short value) => value;
    [Parallel] public static ushort UInt16(ushort value) => value;
    [Parallel] public static char Char(char value) => value;
    [Parallel] public static int Int32(int value) => value;
    [Parallel] public static uint UInt32(uint value) => value;
    [Parallel] public static long Int64(long value) => value;
    [Parallel] public static ulong UInt64(ulong value) => value;
    [Parallel] public static float Single(float value) => value;
    [Parallel] public static double Double(double value) => value;
    [Parallel] public static decimal Decimal(decimal value) => value;
    [Parallel] public static nint NativeInt(nint value) => value;
    [Parallel] public static nuint NativeUInt(nuint value) => value;
    [Parallel] public static Half Half(Half value) => value;
    [Parallel] public static Int128 Int128(Int128 value) => value;
    [Parallel] public static UInt128 UInt128(UInt128 value) => value;
    [Parallel] public static string? String(string? value) => value;
    [Parallel] public static Shape? Outline(Shape? value) => value;
    [Parallel] public static Color Enum(Color value) => value;
    [Parallel] public static Small ByteEnum(Small value) => value;
    [Parallel] public static DateTime DateTime(DateTime value) => value;
    [Parallel] public static DateTimeOffset DateTimeOffset(DateTimeOffset value) => value;
    [Parallel] public static TimeSpan TimeSpan(TimeSpan value) => value;
    [Parallel] public static DateOnly DateOnly(DateOnly value) => value;
    [Parallel] public static TimeOnly TimeOnly(TimeOnly value) => value;
    [Parallel] public static Guid Guid(Guid value) => value;
    [Parallel] public static byte[]? Bytes(byte[]? value) => value;
    [Parallel] public static ReadOnlyMemory<byte> Memory(ReadOnlyMemory<byte> value) => value;
    [Parallel] public static int[]? Array(int[]? value) => value;
    [Parallel] public static string?[] StringArray(string?[] value) => value;
    [Parallel] public static int[][] Jagged(int[][] value) => value;
    [Parallel] public static List<string?>? List(List<string?>? value) => value;
    [Parallel] public static IReadOnlyList<Line> ReadOnlyList(IReadOnlyList<Line> value) => value;
    [Parallel] public static Dictionary<string, List<int>>? Dictionary(Dictionary<string, List<int>>? value) => value;
    [Parallel] public static HashSet<Guid> HashSet(HashSet<Guid> value) => value;
    [Parallel] public static HashSet<string?> StringSet(HashSet<string?> value) => value;
    [Parallel] public static ImmutableArray<int> ImmutableArray(ImmutableArray<int> value) => value;
    [Parallel] public static (int Number, string? Text) Tuple((int Number, string? Text) value) => value;
    [Parallel] public static (int, int, int, int, int, int, int, int, int) LongTuple((int, int, int, int, int, int, int, int, int) value) => value;
    [Parallel] public static int? NullableInt(int? value) => value;
    [Parallel] public static Color? NullableEnum(Color? value) => value;
    [Parallel] public static Size? NullableStruct(Size? value) => value;
    [Parallel] public static Order? Order(Order? value) => value;
    [Parallel] public static Settings? Settings(Settings? value) => value;
    [Parallel] public static Point Point(Point value) => value;
    [Parallel] public static Department Department(Department value) => value;
    [Parallel] public static Account? Account(Account? value) => value;
    [Parallel] public static Counter Counter(Counter value) => value;
    [Parallel] public static Customer Customer(Customer value) => value;
    [Parallel] public static Ledger Ledger(Ledger value) => value;

    [Parallel]
    public static string Describe(int count, string? name, Order? order) => $"{count}:{name ?? "null"}:{order?.Lines.Count ?? -1}";
}

public static partial class Shapes
{
    public static int Calls;

    [Parallel]
    public static void Increment(int by) => Interlocked.Add(ref Calls, by);

    [Parallel]
    public static async Task DelayAsync(int milliseconds) => await Task.Delay(milliseconds);

    [Parallel]
    public static async Task<int> TwiceAsync(int value)
    {
        await Task.Yield();
        return value * 2;
    }

    [Parallel]
    public static ValueTask FlushAsync(int value) => default;

    [Parallel]
    public static ValueTask<string> NameAsync(int value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Parallel]
    public static int Constant() => 42;

    [Parallel]
    public static int CountTo(int limit, IProgress<string> progress, CancellationToken cancellationToken)
    {
        for (int i = 1; i <= limit; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress.Report("step " + i);
        }

        return limit;
    }
}
