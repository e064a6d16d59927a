using System.Buffers;
using System.Threading.Channels;

namespace Blind48.SoapWorks.Shipping;

public sealed record ShippingLabel(string OrderId, string Recipient, string PostalCode, int Bars);

/// <summary>
/// Spools shipping labels to the dispatch printer. Registered as a singleton;
/// every packing station calls <see cref="QueueAsync"/>.
/// </summary>
public sealed class ShippingLabelSpooler : IAsyncDisposable
{
    private readonly record struct PrintJob(byte[] Buffer, int Length);

    private readonly Channel<PrintJob> _jobs =
        Channel.CreateBounded<PrintJob>(new BoundedChannelOptions(64) { SingleReader = true });
    private readonly Stream _printer;
    private readonly Task _pump;

    public ShippingLabelSpooler(Stream printer)
    {
        _printer = printer;
        _pump = Task.Run(PumpAsync);
    }

    public async ValueTask QueueAsync(ShippingLabel label, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(256);
        var handedOff = false;
        try
        {
            var length = Encode(label, buffer);
            await _jobs.Writer.WriteAsync(new PrintJob(buffer, length), ct).ConfigureAwait(false);
            handedOff = true;
        }
        finally
        {
            if (!handedOff)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task PumpAsync()
    {
        var trailer = new byte[1];
        await foreach (var job in _jobs.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                trailer[0] = Checksum(job.Buffer.AsSpan(0, job.Length));
                await _printer.WriteAsync(job.Buffer.AsMemory(0, job.Length)).ConfigureAwait(false);
                await _printer.WriteAsync(trailer).ConfigureAwait(false);
                await _printer.FlushAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Printer jams are cleared by hand; the label is reprinted from the order screen.
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(job.Buffer);
            }
        }
    }

    private static byte Checksum(ReadOnlySpan<byte> body)
    {
        byte sum = 0;
        foreach (var b in body)
        {
            sum ^= b;
        }

        return sum;
    }

    private static int Encode(ShippingLabel label, byte[] buffer)
    {
        var text = $"^ORDER {label.OrderId}\n^TO {label.Recipient}\n^ZIP {label.PostalCode}\n^QTY {label.Bars}\n";
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
