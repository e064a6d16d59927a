namespace Forklift.Generators.Tests;

/// <summary>The emitted source of representative methods, compared with Expected/&lt;TestName&gt;/.</summary>
public sealed class ParallelGeneratorGoldenTests
{
    [Fact]
    public void SimpleMethod() => GoldenFiles.Verify(GeneratorHarness.Run("""
        using Forklift;

        namespace MyApp;

        public static partial class Primes
        {
            [Parallel]
            public static int Count(int from, int to) => to - from;
        }
        """));

    /// <summary>Which codecs say <c>IsBlittable</c> (a map copies a chunk of such values as one block): unmanaged
    /// structs of mixed field sizes, enums, tuples and nullables of them, but not a struct that holds a reference or
    /// has a <c>[NonSerialized]</c> field (at any depth), whose codec does not carry every byte.</summary>
    [Fact]
    public void BlittableValues() => GoldenFiles.Verify(GeneratorHarness.Run("""
        using System;
        using Forklift;

        namespace MyApp;

        public enum Color : byte { Red, Green }

        public struct Sample
        {
            public byte Flag { get; set; }
            public long Ticks { get; set; }
            public short Small { get; set; }
            public Color Color { get; set; }
        }

        public struct Named
        {
            public int Id { get; set; }
            public string Name { get; set; }
        }

        public struct Cached
        {
            public int Value { get; set; }
            [NonSerialized] private int _hash;
            public int Hash => _hash;
        }

        public struct Outer
        {
            public Cached Inner { get; set; }
        }

        public static partial class Measures
        {
            [Parallel]
            public static (double, Sample?) Measure(Sample sample, Color color) => (0, sample);

            [Parallel]
            public static Named Name(Named named) => named;

            [Parallel]
            public static Outer Wrap(Outer outer) => outer;
        }
        """));

    [Fact]
    public void PrivateStateThroughAccessors() => GoldenFiles.Verify(GeneratorHarness.Run("""
        using System.Collections.Generic;
        using Forklift;

        namespace MyApp;

        public sealed class Account
        {
            private decimal balance;
            public decimal Balance => balance;
            public int Version { get; private set; }
            public List<string> History { get; } = new();
        }

        public struct Tally
        {
            private readonly int count;
            public string Name { get; set; }
        }

        public sealed class Sealed
        {
            private Sealed() { }
            public string Code { get; init; } = "";
        }

        public static partial class Bank
        {
            [Parallel]
            public static Account Audit(Account account, Tally tally, Sealed code) => account;
        }
        """));

    [Fact]
    public void AsyncNamesAndDefaultValues() => GoldenFiles.Verify(GeneratorHarness.Run("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Forklift;

        namespace MyApp;

        public enum Mode { Fast = -1, Slow = 2 }

        public static partial class Downloads
        {
            [Parallel]
            public static Task<int> DownloadAsync(string url, int retries = 3, string? proxy = null, double scale = 1.5, float ratio = -0.25f,
                decimal price = 9.99m, Mode mode = Mode.Fast, char separator = '\t', string label = "a \"b\"", int? limit = null,
                DateTime since = default, CancellationToken cancellationToken = default) => Task.FromResult(retries);
        }
        """));

    [Fact]
    public void ReturnShapes() => GoldenFiles.Verify(GeneratorHarness.Run("""
        using System.Threading.Tasks;
        using Forklift;

        namespace MyApp;

        public static partial class Shapes
        {
            [Parallel]
            public static void Log(string message) { }

            [Parallel]
            public static Task SaveAsync(string path) => Task.CompletedTask;

            [Parallel]
            public static Task<long> SizeAsync(string path) => Task.FromResult(0L);

            [Parallel]
            public static ValueTask FlushAsync(int id) => default;

            [Parallel]
            internal static ValueTask<string?> ReadAsync(int id) => new((string?)null);

            [Parallel]
            public static System.Guid NewId() => System.Guid.NewGuid();
        }
        """));

    [Fact]
    public void CancellationProgressAndOptions() => GoldenFiles.Verify(GeneratorHarness.Run("""
        using System;
        using System.Threading;
        using Forklift;

        namespace MyApp;

        public static partial class Jobs
        {
            [Parallel(TimeoutMilliseconds = 5000, ChunkSize = 16, MaxRetries = 2)]
            public static double Run(int steps, IProgress<int> progress, CancellationToken cancellationToken)
            {
                return steps;
            }

            [Parallel]
            public static int Pool(int pool, string inputs) => pool;
        }
        """));

    [Fact]
    public void RecordsAndCollections() => GoldenFiles.Verify(GeneratorHarness.Run("""
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Forklift;

        namespace MyApp.Orders;

        public enum Status : byte { Open, Shipped }

        public record Line(string Sku, int Quantity, decimal Price);

        public sealed record Order(Guid Id, Status Status, List<Line> Lines, Dictionary<string, int[]>? Tags)
        {
            public DateTimeOffset? ShippedAt { get; init; }
            public decimal Total => 0m;
        }

        public struct Point
        {
            public int X;
            public int Y;
        }

        internal static partial class Billing
        {
            [Parallel]
            internal static IReadOnlyList<decimal> Totals(Order? order, HashSet<string> codes, ImmutableArray<Point> points, (int, byte[]) extra, int[][] grid)
                => Array.Empty<decimal>();
        }
        """));

    [Fact]
    public void NestedTypesAndInitializer() => GoldenFiles.Verify(GeneratorHarness.Run("""
        using System.Threading;
        using System.Threading.Tasks;
        using Forklift;

        public partial class Outer
        {
            internal partial struct Inner
            {
                [Parallel]
                private static int Twice(int value) => value * 2;

                [WorkerInitializer]
                private static Task WarmUpAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
        }
        """));

    [Fact]
    public void OneModuleInitializerForEveryType() => GoldenFiles.Verify(GeneratorHarness.Run("""
        using Forklift;

        namespace B
        {
            public static partial class Second
            {
                [Parallel]
                public static string Echo(string text) => text;
            }
        }

        namespace A
        {
            public static partial class First
            {
                [Parallel]
                public static int Count(int value) => value;

                [Parallel]
                public static int Count(long value) => (int)value;
            }
        }
        """));

    [Fact]
    public void InvalidMethodsAreSkipped()
    {
        var result = GeneratorHarness.Run("""
            using System.IO;
            using Forklift;

            public class NotPartial
            {
                [Parallel]
                public static int A(int x) => x;
            }

            public partial class Invalid
            {
                [Parallel]
                public int Instance(int x) => x;

                [Parallel]
                public static T Generic<T>(T x) => x;

                [Parallel]
                public static int ByRef(ref int x) => x;

                [Parallel]
                public static int Unsupported(Stream s) => 0;

                [Parallel]
                public static int Collides(int x) => x;

                public static void CollidesAsync() { }
            }
            """);

        Assert.Empty(result.GeneratedTrees);
    }
}
