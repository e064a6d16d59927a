using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>
/// Maps whose inputs and results are blittable (<see cref="ParallelCodec{T}.IsBlittable"/>) travel as one block per
/// chunk. Real processes. The methods' codecs throw if a value goes through them one at a time, so each test also
/// shows that the block path was taken; values are compared bit for bit.
/// </summary>
public sealed class BlockCopyTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly WorkerPool _pool = new(new WorkerPoolOptions { Workers = 2 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pool.DisposeAsync();

    [Fact]
    public async Task Doubles_cross_bit_for_bit_including_negative_zero_and_NaN_payloads()
    {
        double[] edges =
        [
            0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, double.PositiveInfinity,
            double.NegativeInfinity, double.NaN, BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001), BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_DEAD_BEEF)), Math.PI,
        ];
        double[] inputs = Enumerable.Range(0, 1200).Select(i => edges[i % edges.Length]).ToArray();

        double[] results = await _pool.MapAsync(BlockCopyMethods.EchoDouble, inputs).WaitAsync(Wait);

        Assert.Equal(inputs.Select(BitConverter.DoubleToInt64Bits), results.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public async Task A_struct_of_mixed_field_sizes_crosses_exactly()
    {
        MixedSample[] inputs = Enumerable.Range(0, 999).Select(Sample).ToArray();

        MixedSample[] results = await _pool.MapAsync(BlockCopyMethods.EchoSample, inputs).WaitAsync(Wait);

        Assert.Equal(inputs.Length, results.Length);
        for (int i = 0; i < inputs.Length; i++)
        {
            AssertSame(inputs[i], results[i], i);
        }
    }

    [Fact]
    public async Task A_tuple_argument_and_a_different_result_type_keep_every_field()
    {
        (long, int)[] inputs = Enumerable.Range(0, 5000).Select(i => (i % 3 == 0 ? long.MinValue + i : long.MaxValue - (7L * i), i % 2 == 0 ? int.MaxValue - i : int.MinValue + i)).ToArray();

        long[] results = await _pool.MapAsync(BlockCopyMethods.Combine, inputs).WaitAsync(Wait);

        Assert.Equal(inputs.Select(x => ~x.Item1 ^ x.Item2), results);
    }

    [Fact]
    public async Task A_throwing_input_fails_the_map_with_its_own_error_and_index()
    {
        // 100 inputs in chunks of 10: the value 7 sits at index 57, in the sixth chunk, whose first index is 50.
        ParallelMethod<long, long> chunked = BlockCopyMethods.WithOptions(BlockCopyMethods.FailOnSeven, new ParallelMethodOptions { ChunkSize = 10 });
        long[] inputs = Enumerable.Range(0, 100).Select(i => i == 57 ? 7L : i + 100L).ToArray();

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => _pool.MapAsync(chunked, inputs).WaitAsync(Wait));

        Assert.StartsWith("Input 57: refused 7", error.Message);
    }

    [Fact]
    public async Task An_unordered_map_yields_each_input_once_with_its_exact_result()
    {
        MixedSample[] inputs = Enumerable.Range(0, 600).Select(Sample).ToArray();
        var seen = new Dictionary<int, MixedSample>();

        await foreach ((int index, MixedSample result) in _pool.UnorderedAsync(BlockCopyMethods.EchoSampleStreamed, inputs).WithCancellation(new CancellationTokenSource(Wait).Token))
        {
            Assert.True(seen.TryAdd(index, result), $"Index {index} was yielded twice.");
        }

        Assert.Equal(inputs.Length, seen.Count);
        foreach ((int index, MixedSample result) in seen)
        {
            AssertSame(inputs[index], result, index);
        }
    }

    [Fact]
    public async Task The_time_limit_of_a_packed_chunk_applies_to_each_input_not_to_the_whole_chunk()
    {
        // Four inputs of 1 s in one chunk, 3 s each: the chunk takes 4 s, and passes only if each input is timed.
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        ParallelMethod<int, int> oneChunk = BlockCopyMethods.WithOptions(BlockCopyMethods.Nap, new ParallelMethodOptions { ChunkSize = 4, Timeout = TimeSpan.FromSeconds(3) });

        int[] results = await pool.MapAsync(oneChunk, [1000, 1000, 1000, 1000]).WaitAsync(Wait);

        Assert.Equal([1000, 1000, 1000, 1000], results);
    }

    private static MixedSample Sample(int i) => new()
    {
        Flag = (byte)(255 - (i % 256)),
        Ticks = i % 2 == 0 ? long.MinValue + i : long.MaxValue - i,
        Small = (short)(short.MinValue + (i * 37 % 65536)),
        On = i % 3 == 0,
        Value = i % 5 == 0 ? -0.0 : i % 7 == 0 ? BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000 | (uint)i) : i / 3.0,
        Letter = (char)(0xFFFF - i),
    };

    private static void AssertSame(MixedSample expected, MixedSample actual, int index)
    {
        Assert.True(
            expected.Flag == actual.Flag && expected.Ticks == actual.Ticks && expected.Small == actual.Small && expected.On == actual.On
                && BitConverter.DoubleToInt64Bits(expected.Value) == BitConverter.DoubleToInt64Bits(actual.Value) && expected.Letter == actual.Letter,
            $"Input {index} came back different.");
    }
}
