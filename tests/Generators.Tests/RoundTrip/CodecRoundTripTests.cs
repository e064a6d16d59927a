using System.Collections.Immutable;
using Forklift.Dispatch;
using static Forklift.Generators.Tests.RoundTrip.WorkerRoundTrip;

namespace Forklift.Generators.Tests.RoundTrip;

/// <summary>Every supported type shape, encoded and decoded by the generated codecs through the worker path.</summary>
public sealed class CodecRoundTripTests
{
    private static Task<T> RoundTrip<T>(ParallelMethod<T, T> method, T value) => InvokeAsync(method, value);

    [Fact]
    public async Task Primitives()
    {
        Assert.True(await RoundTrip(Echo.ForkliftParallel.BooleanMethod, true));
        Assert.Equal(byte.MaxValue, await RoundTrip(Echo.ForkliftParallel.ByteMethod, byte.MaxValue));
        Assert.Equal(sbyte.MinValue, await RoundTrip(Echo.ForkliftParallel.SByteMethod, sbyte.MinValue));
        Assert.Equal(short.MinValue, await RoundTrip(Echo.ForkliftParallel.Int16Method, short.MinValue));
        Assert.Equal(ushort.MaxValue, await RoundTrip(Echo.ForkliftParallel.UInt16Method, ushort.MaxValue));
        Assert.Equal('\uFFFF', await RoundTrip(Echo.ForkliftParallel.CharMethod, '\uFFFF'));
        Assert.Equal(int.MinValue, await RoundTrip(Echo.ForkliftParallel.Int32Method, int.MinValue));
        Assert.Equal(uint.MaxValue, await RoundTrip(Echo.ForkliftParallel.UInt32Method, uint.MaxValue));
        Assert.Equal(long.MinValue, await RoundTrip(Echo.ForkliftParallel.Int64Method, long.MinValue));
        Assert.Equal(ulong.MaxValue, await RoundTrip(Echo.ForkliftParallel.UInt64Method, ulong.MaxValue));
        Assert.Equal(float.Epsilon, await RoundTrip(Echo.ForkliftParallel.SingleMethod, float.Epsilon));
        Assert.True(double.IsNaN(await RoundTrip(Echo.ForkliftParallel.DoubleMethod, double.NaN)));
        Assert.Equal(-0.0000000001m, await RoundTrip(Echo.ForkliftParallel.DecimalMethod, -0.0000000001m));
        Assert.Equal(decimal.MaxValue, await RoundTrip(Echo.ForkliftParallel.DecimalMethod, decimal.MaxValue));
        Assert.Equal(nint.MinValue, await RoundTrip(Echo.ForkliftParallel.NativeIntMethod, nint.MinValue));
        Assert.Equal(nuint.MaxValue, await RoundTrip(Echo.ForkliftParallel.NativeUIntMethod, nuint.MaxValue));
        Assert.Equal((Half)1.5, await RoundTrip(Echo.ForkliftParallel.HalfMethod, (Half)1.5));
        Assert.Equal(Int128.MinValue, await RoundTrip(Echo.ForkliftParallel.Int128Method, Int128.MinValue));
        Assert.Equal(UInt128.MaxValue, await RoundTrip(Echo.ForkliftParallel.UInt128Method, UInt128.MaxValue));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("héllo wörld ✓ 🚚")]
    public async Task Strings(string? value) => Assert.Equal(value, await RoundTrip(Echo.ForkliftParallel.StringMethod, value));

    [Fact]
    public async Task EnumsDatesAndGuids()
    {
        Assert.Equal(Color.Green, await RoundTrip(Echo.ForkliftParallel.EnumMethod, Color.Green));
        Assert.Equal(Small.Max, await RoundTrip(Echo.ForkliftParallel.ByteEnumMethod, Small.Max));

        DateTime local = new(2024, 2, 29, 13, 14, 15, DateTimeKind.Local);
        DateTime utc = await RoundTrip(Echo.ForkliftParallel.DateTimeMethod, new DateTime(2024, 2, 29, 1, 2, 3, DateTimeKind.Utc));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(new DateTime(2024, 2, 29, 1, 2, 3), utc);
        Assert.Equal(local, await RoundTrip(Echo.ForkliftParallel.DateTimeMethod, local));

        var offset = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromMinutes(-330));
        DateTimeOffset decoded = await RoundTrip(Echo.ForkliftParallel.DateTimeOffsetMethod, offset);
        Assert.Equal(offset, decoded);
        Assert.Equal(offset.Offset, decoded.Offset);

        Assert.Equal(TimeSpan.FromTicks(-123456789), await RoundTrip(Echo.ForkliftParallel.TimeSpanMethod, TimeSpan.FromTicks(-123456789)));
        Assert.Equal(DateOnly.MaxValue, await RoundTrip(Echo.ForkliftParallel.DateOnlyMethod, DateOnly.MaxValue));
        Assert.Equal(new TimeOnly(23, 59, 59, 999), await RoundTrip(Echo.ForkliftParallel.TimeOnlyMethod, new TimeOnly(23, 59, 59, 999)));
        Guid guid = Guid.NewGuid();
        Assert.Equal(guid, await RoundTrip(Echo.ForkliftParallel.GuidMethod, guid));
    }

    [Fact]
    public async Task ByteArraysAndMemory()
    {
        Assert.Null(await RoundTrip(Echo.ForkliftParallel.BytesMethod, null));
        Assert.Empty((await RoundTrip(Echo.ForkliftParallel.BytesMethod, System.Array.Empty<byte>()))!);
        Assert.Equal(new byte[] { 1, 2, 3 }, await RoundTrip(Echo.ForkliftParallel.BytesMethod, new byte[] { 1, 2, 3 }));
        Assert.Equal(new byte[] { 9, 8 }, (await RoundTrip(Echo.ForkliftParallel.MemoryMethod, new byte[] { 9, 8 })).ToArray());
        Assert.True((await RoundTrip(Echo.ForkliftParallel.MemoryMethod, ReadOnlyMemory<byte>.Empty)).IsEmpty);
    }

    [Fact]
    public async Task FiftyMegabyteByteArray()
    {
        byte[] large = new byte[50 * 1024 * 1024];
        new Random(1234).NextBytes(large);

        ReadOnlyMemory<byte> encoded = Encode(Echo.ForkliftParallel.BytesMethod.Arguments, large);

        // A length prefix (a 4-byte varint for 50 MB) and the bytes: nothing else is added or copied into the payload.
        Assert.Equal(large.Length + 4, encoded.Length);
        byte[]? decoded = await RoundTrip(Echo.ForkliftParallel.BytesMethod, large);
        Assert.NotSame(large, decoded);
        Assert.True(large.AsSpan().SequenceEqual(decoded));
    }

    [Fact]
    public async Task ArraysAndLists()
    {
        Assert.Null(await RoundTrip(Echo.ForkliftParallel.ArrayMethod, null));
        Assert.Empty((await RoundTrip(Echo.ForkliftParallel.ArrayMethod, System.Array.Empty<int>()))!);
        int[] large = Enumerable.Range(-50_000, 100_000).ToArray();
        Assert.Equal(large, await RoundTrip(Echo.ForkliftParallel.ArrayMethod, large));
        Assert.Equal(new[] { "a", null, "" }, await RoundTrip(Echo.ForkliftParallel.StringArrayMethod, new[] { "a", null, "" }));

        int[][] jagged = { new[] { 1 }, System.Array.Empty<int>(), null!, new[] { 2, 3 } };
        int[][] decodedJagged = await RoundTrip(Echo.ForkliftParallel.JaggedMethod, jagged);
        Assert.Equal(4, decodedJagged.Length);
        Assert.Equal(new[] { 2, 3 }, decodedJagged[3]);
        Assert.Null(decodedJagged[2]);

        Assert.Null(await RoundTrip(Echo.ForkliftParallel.ListMethod, null));
        Assert.Equal(new List<string?> { "x", null }, await RoundTrip(Echo.ForkliftParallel.ListMethod, new List<string?> { "x", null }));

        var lines = new List<Line> { new("a", 1, 2.5m), new("b", 2, 0m) };
        Assert.Equal(lines, await RoundTrip(Echo.ForkliftParallel.ReadOnlyListMethod, lines));
    }

    [Fact]
    public async Task DictionariesSetsAndImmutableArrays()
    {
        Assert.Null(await RoundTrip(Echo.ForkliftParallel.DictionaryMethod, null));
        var dictionary = new Dictionary<string, List<int>> { ["empty"] = new(), ["some"] = new() { 1, 2 }, ["none"] = null! };
        Dictionary<string, List<int>>? decoded = await RoundTrip(Echo.ForkliftParallel.DictionaryMethod, dictionary);
        Assert.Equal(3, decoded!.Count);
        Assert.Empty(decoded["empty"]);
        Assert.Equal(new[] { 1, 2 }, decoded["some"]);
        Assert.Null(decoded["none"]);

        var set = new HashSet<Guid> { Guid.NewGuid(), Guid.NewGuid() };
        Assert.True(set.SetEquals(await RoundTrip(Echo.ForkliftParallel.HashSetMethod, set)));

        Assert.True((await RoundTrip(Echo.ForkliftParallel.ImmutableArrayMethod, default)).IsDefault);
        ImmutableArray<int> empty = await RoundTrip(Echo.ForkliftParallel.ImmutableArrayMethod, ImmutableArray<int>.Empty);
        Assert.False(empty.IsDefault);
        Assert.Empty(empty);
        Assert.Equal(new[] { 3, 1, 2 }, await RoundTrip(Echo.ForkliftParallel.ImmutableArrayMethod, ImmutableArray.Create(3, 1, 2)));
    }

    [Fact]
    public async Task DictionariesAndSetsKeepAWellKnownComparer()
    {
        var ignoreCase = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase) { ["Key"] = new() { 1 } };
        Dictionary<string, List<int>> decoded = (await RoundTrip(Echo.ForkliftParallel.DictionaryMethod, ignoreCase))!;
        Assert.Same(StringComparer.OrdinalIgnoreCase, decoded.Comparer);
        Assert.True(decoded.ContainsKey("KEY"));

        // Two value-equal keys are two entries under reference equality, and stay two.
        string first = new('k', 3);
        string second = new('k', 3);
        var byReference = new Dictionary<string, List<int>>(ReferenceEqualityComparer.Instance) { [first] = new(), [second] = new() };
        decoded = (await RoundTrip(Echo.ForkliftParallel.DictionaryMethod, byReference))!;
        Assert.Same(ReferenceEqualityComparer.Instance, decoded.Comparer);
        Assert.Equal(2, decoded.Count);

        var culture = new Dictionary<string, List<int>>(StringComparer.Create(new System.Globalization.CultureInfo("tr-TR"), ignoreCase: true)) { ["ı"] = new() };
        decoded = (await RoundTrip(Echo.ForkliftParallel.DictionaryMethod, culture))!;
        Assert.Equal(culture.Comparer, decoded.Comparer);

        var set = new HashSet<string?>(StringComparer.InvariantCultureIgnoreCase) { "a" };
        HashSet<string?> decodedSet = await RoundTrip(Echo.ForkliftParallel.StringSetMethod, set);
        Assert.Equal(StringComparer.InvariantCultureIgnoreCase, decodedSet.Comparer);
        Assert.Contains("A", decodedSet);
        Assert.Equal(EqualityComparer<string?>.Default, (await RoundTrip(Echo.ForkliftParallel.StringSetMethod, new HashSet<string?> { "a" })).Comparer);
    }

    [Fact]
    public void AnyOtherComparerIsRefusedWhenTheCollectionIsEncoded()
    {
        var custom = new HashSet<string?>(new FirstLetterComparer()) { "apple" };

        NotSupportedException error = Assert.Throws<NotSupportedException>(() => Encode(Echo.ForkliftParallel.StringSetMethod.Arguments, custom));

        Assert.Contains(typeof(FirstLetterComparer).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TuplesAndNullables()
    {
        Assert.Equal((7, (string?)null), await RoundTrip(Echo.ForkliftParallel.TupleMethod, (7, null)));
        Assert.Equal((1, 2, 3, 4, 5, 6, 7, 8, 9), await RoundTrip(Echo.ForkliftParallel.LongTupleMethod, (1, 2, 3, 4, 5, 6, 7, 8, 9)));
        Assert.Null(await RoundTrip(Echo.ForkliftParallel.NullableIntMethod, null));
        Assert.Equal(-1, await RoundTrip(Echo.ForkliftParallel.NullableIntMethod, -1));
        Assert.Null(await RoundTrip(Echo.ForkliftParallel.NullableEnumMethod, null));
        Assert.Equal(Color.Red, await RoundTrip(Echo.ForkliftParallel.NullableEnumMethod, Color.Red));
        Assert.Null(await RoundTrip(Echo.ForkliftParallel.NullableStructMethod, null));
        Assert.Equal(new Size(1.5, 2), await RoundTrip(Echo.ForkliftParallel.NullableStructMethod, new Size(1.5, 2)));
    }

    [Fact]
    public async Task RecordsClassesAndStructs()
    {
        Assert.Null(await RoundTrip(Echo.ForkliftParallel.OrderMethod, null));
        var order = new Order(Guid.NewGuid(), null, new List<Line> { new("sku", 3, 1.25m) }, new Dictionary<string, int[]> { ["k"] = new[] { 1 } })
        {
            ShippedAt = new DateTimeOffset(2020, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)),
            Color = Color.Green,
        };
        Order decoded = (await RoundTrip(Echo.ForkliftParallel.OrderMethod, order))!;
        Assert.Equal(order.Id, decoded.Id);
        Assert.Null(decoded.Customer);
        Assert.Equal(order.Lines, decoded.Lines);
        Assert.Equal(new[] { 1 }, decoded.Tags!["k"]);
        Assert.Equal(order.ShippedAt, decoded.ShippedAt);
        Assert.Equal(Color.Green, decoded.Color);
        Assert.Equal(3.75m, decoded.Total);

        var settings = new Settings { Name = "n", Limit = null, Flags = new() { "a", "b" } };
        Settings decodedSettings = (await RoundTrip(Echo.ForkliftParallel.SettingsMethod, settings))!;
        Assert.Equal("n", decodedSettings.Name);
        Assert.Null(decodedSettings.Limit);
        Assert.True(settings.Flags.SetEquals(decodedSettings.Flags));

        Point point = await RoundTrip(Echo.ForkliftParallel.PointMethod, new Point { X = -1, Y = int.MaxValue });
        Assert.Equal((-1, int.MaxValue), (point.X, point.Y));
    }

    [Fact]
    public async Task PrivateFieldsPrivateSettersAndGetOnlyCollectionsCrossExactly()
    {
        var account = new Account();
        account.Deposit(10.5m);
        account.Deposit(2m);

        Account decoded = (await RoundTrip(Echo.ForkliftParallel.AccountMethod, account))!;

        Assert.NotSame(account, decoded);
        Assert.Equal(12.5m, decoded.Balance);
        Assert.Equal(2, decoded.Version);
        Assert.Equal(new[] { "deposit 10.5", "deposit 2" }, decoded.History);
        Assert.NotSame(account.History, decoded.History);
        Assert.Null(await RoundTrip(Echo.ForkliftParallel.AccountMethod, null));
    }

    [Fact]
    public async Task ReadonlyFieldsOfStructsAndBaseClassesCross()
    {
        Counter counter = await RoundTrip(Echo.ForkliftParallel.CounterMethod, new Counter(41, "hits"));
        Assert.Equal((41, "hits"), (counter.Count, counter.Label));

        var customer = new Customer { Name = "ada" };
        customer.Look();
        Customer decoded = await RoundTrip(Echo.ForkliftParallel.CustomerMethod, customer);
        Assert.Equal(customer.Id, decoded.Id);
        Assert.Equal("ada", decoded.Name);
        Assert.Equal(0, decoded.Lookups);
    }

    [Fact]
    public async Task ATypeWithOnlyAPrivateConstructorIsBuiltThroughItAndFilledFieldByField()
    {
        Ledger decoded = await RoundTrip(Echo.ForkliftParallel.LedgerMethod, Ledger.Open("bank", 1m, -2.5m));

        Assert.Equal("bank", decoded.Owner);
        Assert.Equal(new[] { 1m, -2.5m }, decoded.Entries);
    }

    [Fact]
    public async Task NestedRecords()
    {
        var home = new Address("Oslo", null);
        var department = new Department(
            "R&D",
            new List<Employee> { new("Ann", home, new[] { new Address("Bergen", "Main St") }), new("Bob", null, System.Array.Empty<Address>()) },
            Head: null);
        Department decoded = await RoundTrip(Echo.ForkliftParallel.DepartmentMethod, department);
        Assert.Equal("R&D", decoded.Name);
        Assert.Null(decoded.Head);
        Assert.Equal(home, decoded.Staff[0].Home);
        Assert.Equal(new Address("Bergen", "Main St"), decoded.Staff[0].Previous.Single());
        Assert.Null(decoded.Staff[1].Home);
        Assert.Empty(decoded.Staff[1].Previous);
    }

    [Fact]
    public async Task SeveralParametersTravelAsOneTuple()
    {
        var order = new Order(Guid.Empty, "c", new List<Line> { new("a", 1, 1m), new("b", 1, 1m) }, null);
        Assert.Equal("3:x:2", await InvokeAsync(Echo.ForkliftParallel.DescribeMethod, (3, "x", order)));
        Assert.Equal("0:null:-1", await InvokeAsync(Echo.ForkliftParallel.DescribeMethod, (0, null, null)));
    }

    [Fact]
    public async Task EveryReturnShapeRunsInTheWorkerPath()
    {
        int before = Shapes.Calls;
        Assert.Equal(Unit.Value, await InvokeAsync(Shapes.ForkliftParallel.IncrementMethod, 5));
        Assert.Equal(before + 5, Shapes.Calls);
        Assert.Equal(Unit.Value, await InvokeAsync(Shapes.ForkliftParallel.DelayAsyncMethod, 1));
        Assert.Equal(42, await InvokeAsync(Shapes.ForkliftParallel.TwiceAsyncMethod, 21));
        Assert.Equal(Unit.Value, await InvokeAsync(Shapes.ForkliftParallel.FlushAsyncMethod, 1));
        Assert.Equal("17", await InvokeAsync(Shapes.ForkliftParallel.NameAsyncMethod, 17));
        Assert.Equal(42, await InvokeAsync(Shapes.ForkliftParallel.ConstantMethod, Unit.Value));
    }

    [Fact]
    public async Task ProgressIsEncodedAndDeliveredToTheCallersProgress()
    {
        var reports = new List<string>();
        ProgressSink sink = ProgressSink.Create(new SynchronousProgress<string>(reports.Add), Shapes.ForkliftParallel.StringCodec.Instance);

        Assert.Equal(3, await InvokeAsync(Shapes.ForkliftParallel.CountToMethod, 3, sink));
        Assert.Equal(new[] { "step 1", "step 2", "step 3" }, reports);
        Assert.True(Shapes.ForkliftParallel.CountToMethod.Options.AcceptsCancellation);
    }

    [Fact]
    public async Task CancellationReachesTheMethod()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAsync<OperationCanceledException>(() => InvokeAsync(Shapes.ForkliftParallel.CountToMethod, 3, null, cancelled.Token));
    }

    [Fact]
    public void DescriptorsHaveStableIdsAndAreRegistered()
    {
        Assert.Equal("Forklift.Generators.Tests.RoundTrip.Echo.Describe(int, string, Forklift.Generators.Tests.RoundTrip.Order)", Echo.ForkliftParallel.DescribeMethod.Id);
        Assert.Equal("Echo.Describe", Echo.ForkliftParallel.DescribeMethod.Name);
        Assert.Equal(typeof(Echo), Echo.ForkliftParallel.DescribeMethod.DeclaringType);

        // The module initializer ran when this assembly loaded.
        Assert.True(ParallelMethodRegistry.TryGet(Echo.ForkliftParallel.DescribeMethod.Id, out ParallelMethod? registered));
        Assert.Same(Echo.ForkliftParallel.DescribeMethod, registered);
        Assert.True(ParallelMethodRegistry.TryGet("Forklift.Generators.Tests.RoundTrip.Shapes.CountTo(int, System.IProgress<string>, System.Threading.CancellationToken)", out _));
    }

    [Fact]
    public async Task ADerivedObjectIsRefusedRatherThanSentWithoutItsOwnMembers()
    {
        Assert.Equal(new Shape("square"), await RoundTrip(Echo.ForkliftParallel.OutlineMethod, new Shape("square")));
        Assert.Null(await RoundTrip(Echo.ForkliftParallel.OutlineMethod, null));

        NotSupportedException error = Assert.Throws<NotSupportedException>(() => Encode(Echo.ForkliftParallel.OutlineMethod.Arguments, new Circle("wheel", 2.5)));

        Assert.Contains("Forklift.Generators.Tests.RoundTrip.Circle cannot be sent where a Forklift.Generators.Tests.RoundTrip.Shape is declared", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedPayloadsFailWithInvalidData()
    {
        ReadOnlyMemory<byte> encoded = Encode(Echo.ForkliftParallel.OrderMethod.Arguments, new Order(Guid.Empty, "c", new List<Line> { new("a", 1, 1m) }, null));
        Assert.Throws<InvalidDataException>(() => Decode(Echo.ForkliftParallel.OrderMethod.Arguments, encoded.Span[..^3]));
    }

    private sealed class FirstLetterComparer : IEqualityComparer<string?>
    {
        public bool Equals(string? x, string? y) => x?[0] == y?[0];

        public int GetHashCode(string? obj) => obj is { Length: > 0 } ? obj[0] : 0;
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
