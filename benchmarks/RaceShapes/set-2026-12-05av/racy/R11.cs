using System.Buffers;
using System.Threading.Channels;

namespace Blind48.SoapWorks.Labels;

public sealed record SoapBatchLabel(string BatchCode, string Scent, int Bars, DateOnly CureUntil);

/// <summary>
/// Spools label jobs to the thermal printer in the packing room. Registered as a
/// singleton; every packing station calls <see cref="QueueLabelAsync"/>.
/// </summary>
public sealed class LabelPrintSpooler : IAsyncDisposable
{
    private readonly Channel<ReadOnlyMemory<byte>> _jobs =
        Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(64) { SingleReader = true });
    private readonly Stream _printer;
    private readonly Task _pump;

    public LabelPrintSpooler(Stream printer)
    {
        _printer = printer;
        _pump = Task.Run(PumpAsync);
    }

    public async ValueTask QueueLabelAsync(SoapBatchLabel label, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            var length = Encode(label, buffer);
            await _jobs.Writer.WriteAsync(buffer.AsMemory(0, length), ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task PumpAsync()
    {
        var trailer = new byte[1];
        await foreach (var job in _jobs.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            // The printer rejects a job whose trailing byte is not the XOR of its body.
            trailer[0] = Checksum(job.Span);
            await _printer.WriteAsync(job).ConfigureAwait(false);
            await _printer.WriteAsync(trailer).ConfigureAwait(false);
            await _printer.FlushAsync().ConfigureAwait(false);
        }
    }

    private static byte Checksum(ReadOnlySpan<byte> body)
    {
        byte checksum = 0;
        foreach (var b in body)
        {
            checksum ^= b;
        }

        return checksum;
    }

    private static int Encode(SoapBatchLabel label, byte[] buffer)
    {
        var text = $"^BATCH {label.BatchCode}\n^SCENT {label.Scent}\n^BARS {label.Bars}\n^CURE {label.CureUntil:yyyy-MM-dd}\n";
        var length = Math.Min(text.Length, buffer.Length);
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            buffer[i] = c < 128 ? (byte)c : (byte)'?';
        }

        return length;
    }

    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        await _printer.DisposeAsync().ConfigureAwait(false);
    }
}
