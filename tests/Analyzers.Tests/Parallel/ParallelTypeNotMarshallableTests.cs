using Verify = Forklift.Analyzers.Tests.ParallelUsage.ParallelAnalyzerVerifier<Forklift.Analyzers.ParallelUsage.ParallelTypeNotMarshallableAnalyzer>;

namespace Forklift.Analyzers.Tests.ParallelUsage;

public sealed class ParallelTypeNotMarshallableTests
{
    [Fact]
    public Task NestedUnsupportedMemberNamesTypeAndPath() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using Forklift;

        public sealed record Order(int Id, Stream Attachment);

        public static partial class Orders
        {
            [Parallel]
            public static int Process({|#0:Order|} order) => order.Id;
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("parameter 'order'", "Process", "Order.Attachment", "System.IO.Stream", "which has no generated encoding"));

    [Fact]
    public Task CyclesAreReported() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Forklift;

        public sealed record Node(string Name, List<Node> Children);

        public static partial class Trees
        {
            [Parallel]
            public static {|#0:Node|} Copy(int depth) => new("n", new());
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("return value", "Copy", "Node.Children[]", "Node", "which contains itself (a cycle in the type graph)"));

    [Fact]
    public Task EveryBadParameterAndUnwrappedTaskResultIsReported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Forklift;

        public static partial class C
        {
            [Parallel]
            public static {|#2:Task<Action>|} M({|#0:object|} a, int ok, {|#1:IEnumerable<int>|} items, {|#3:IProgress<Type>|} progress) => Task.FromResult<Action>(() => { });
        }
        """,
        Verify.Diagnostic().WithLocation(2).WithArguments("return value", "M", "Action", "System.Action", "which has no generated encoding"),
        Verify.Diagnostic().WithLocation(0).WithArguments("parameter 'a'", "M", "object", "object", "which has no generated encoding"),
        Verify.Diagnostic().WithLocation(1).WithArguments("parameter 'items'", "M", "IEnumerable<int>", "System.Collections.Generic.IEnumerable<int>", "which has no generated encoding"),
        Verify.Diagnostic().WithLocation(3).WithArguments("progress value of parameter 'progress'", "M", "Type", "System.Type", "which has no generated encoding"));

    [Fact]
    public Task TypeWithoutUsableConstructorIsReported() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public sealed class Opaque
        {
            public Opaque(string secret) { }
            public int Length { get; }
        }

        public static partial class C
        {
            [Parallel]
            public static int M({|#0:Opaque|} value) => value.Length;
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("parameter 'value'", "M", "Opaque", "Opaque", "which has no accessible constructor whose parameters match its properties, and no parameterless constructor"));

    [Fact]
    public Task PrivateStateThatCannotCrossIsReportedByMemberName() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public sealed class Account
        {
            private readonly object gate = new();
            public decimal Balance { get; private set; }
        }

        public static partial class C
        {
            [Parallel]
            public static decimal M({|#0:Account|} account) => account.Balance;
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("parameter 'account'", "M", "Account.gate", "object", "which has no generated encoding"));

    [Fact]
    public Task PrivateStateOfAGenericTypeIsReported() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public sealed class Box<T>
        {
            public T? Value { get; private set; }
        }

        public static partial class C
        {
            [Parallel]
            public static int M({|#0:Box<int>|} box) => box.Value;
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("parameter 'box'", "M", "Box<int>.Value", "int", "state of the generic type 'Box<int>' that no accessible constructor or setter carries (make it settable, take it in a constructor, or mark the field [NonSerialized])"));

    [Fact]
    public Task APrimaryConstructorThatIsNotCalledIsReported() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public sealed class Dice(int seed)
        {
            public Dice() : this(42) { }
            public int Roll() => seed % 6;
        }

        public sealed class Carried(int seed)
        {
            public int Seed { get; } = seed;
        }

        public static partial class C
        {
            [Parallel]
            public static int M({|#0:Dice|} dice, Carried carried) => dice.Roll() + carried.Seed;
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("parameter 'dice'", "M", "Dice.seed", "int", "a primary constructor parameter that the generated code would not pass (it uses another constructor), so a value captured from it would be lost (give each primary constructor parameter a property of the same name and type)"));

    [Fact]
    public Task NonSerializedFieldsAreNotState() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Forklift;

        public sealed class Account
        {
            [NonSerialized]
            private readonly object gate = new();
            public decimal Balance { get; private set; }
        }

        public static partial class C
        {
            [Parallel]
            public static decimal M(Account account) => account.Balance;
        }
        """);

    [Fact]
    public Task SupportedTypesAreFine() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Threading;
        using System.Threading.Tasks;
        using Forklift;

        public enum Kind { A, B }
        public sealed record Line(string Sku, int Quantity);
        public sealed record Order(Guid Id, Kind Kind, List<Line> Lines, Dictionary<string, int[]>? Tags, DateTimeOffset? At)
        {
            public decimal Total => 0m;
            public string? Note { get; init; }
        }
        public struct Point { public int X; public int Y; }
        public sealed class Settings { public string Name { get; set; } = ""; public HashSet<string> Flags { get; set; } = new(); }

        public static partial class C
        {
            [Parallel]
            public static Task<IReadOnlyList<Order>> M(
                Order order, Settings? settings, ImmutableArray<Point> points, (int, byte[]) pair, int?[][] grid,
                ReadOnlyMemory<byte> data, TimeSpan span, IProgress<(int Done, int Total)> progress, CancellationToken token)
                => Task.FromResult<IReadOnlyList<Order>>(new[] { order });
        }
        """);
}
