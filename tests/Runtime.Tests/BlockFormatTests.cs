using System.Runtime.InteropServices;
using Forklift.Buffers;
using Forklift.Dispatch;
using Forklift.Protocol;
using Forklift.Workers;

namespace Forklift.Runtime.Tests;

/// <summary>The block format of a map chunk in the parent, without processes: what a chunk of blittable inputs
/// writes, how a block of results is read, and what is refused.</summary>
public sealed class BlockFormatTests
{
    [Fact]
    public void A_chunk_of_blittable_inputs_is_its_count_the_value_size_and_the_inputs_bytes()
    {
        long[] inputs = [long.MinValue, -1, 0, 1, long.MaxValue, 0x0102030405060708];
        ChunkCall<long, long> chunk = NewChunk(inputs, start: 2, count: 3, out _);
        using var buffer = new PooledBufferWriter();

        chunk.WriteArguments(buffer);

        byte[] expected = [3, 8, .. MemoryMarshal.AsBytes(inputs.AsSpan(2, 3))];
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(RequestFlags.PackedArguments | RequestFlags.PackedResults, chunk.BatchFormat);
    }

    [Fact]
    public void A_block_of_results_lands_in_the_result_array_at_the_chunks_indexes()
    {
        long[] inputs = new long[6];
        ChunkCall<long, long> chunk = NewChunk(inputs, start: 2, count: 3, out MapState<long, long> map);
        long[] results = [42, long.MinValue, -7];

        chunk.SetResult([3, 8, .. MemoryMarshal.AsBytes(results.AsSpan())]);

        Assert.Equal([0, 0, 42, long.MinValue, -7, 0], map.Results);
    }

    [Fact]
    public void A_block_of_results_with_another_value_size_or_length_is_refused()
    {
        ChunkCall<long, long> chunk = NewChunk(new long[3], start: 0, count: 3, out _);

        InvalidDataException size = Assert.Throws<InvalidDataException>(() => chunk.SetResult([3, 4, .. new byte[12]]));
        InvalidDataException length = Assert.Throws<InvalidDataException>(() => chunk.SetResult([3, 8, .. new byte[23]]));

        Assert.Contains("4-byte values", size.Message);
        Assert.Contains("23 bytes instead of 24", length.Message);
    }

    [Fact]
    public void A_type_with_references_is_never_copied_as_bytes_whatever_its_codec_says()
    {
        Assert.Equal(0, new ClaimsBlittable<string>().BlockSize);
        Assert.Equal(0, new ClaimsBlittable<(int, string)>().BlockSize);
        Assert.Equal(16, new ClaimsBlittable<(long, int)>().BlockSize);
        Assert.Equal(0, TestCodecs.Int32.BlockSize);
    }

    private static ChunkCall<long, long> NewChunk(long[] inputs, int start, int count, out MapState<long, long> map)
    {
        var method = new ParallelMethod<long, long>("Tests.Block(long)", "Block", typeof(BlockFormatTests), new ClaimsBlittable<long>(), new ClaimsBlittable<long>(), (x, _) => ValueTask.FromResult(x));
        map = new MapState<long, long>(method, inputs, unordered: false);
        return new ChunkCall<long, long>(map, start, count, null, CancellationToken.None);
    }

    private sealed class ClaimsBlittable<T> : ParallelCodec<T>
    {
        public override bool IsBlittable => true;

        public override void Write(ref PayloadWriter writer, T value) => throw new InvalidOperationException("not one by one");

        public override T Read(ref PayloadReader reader) => throw new InvalidOperationException("not one by one");
    }
}
