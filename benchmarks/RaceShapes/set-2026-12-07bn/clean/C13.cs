using System.Buffers;
using System.Text;

namespace Blind66.Letterpress.Proofs;

public sealed record ProofSheet(string JobNumber, int Sheet, IReadOnlyList<string> Lines);

/// <summary>
/// Sends proof sheets to the proofing press over its serial link. One frame is written
/// at a time; frames are staged into a rented buffer.
/// </summary>
public sealed class ProofPressLink
{
    private const int MaxFrame = 16 * 1024;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Stream _port;
    private long _bytesSent;

    public ProofPressLink(Stream port) => _port = port;

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Called from the proofing endpoints; several operators may submit at once.</summary>
    public async Task SendAsync(ProofSheet sheet, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxFrame);
        try
        {
            var length = Encode(sheet, buffer);
            await _writeGate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await _port.WriteAsync(buffer.AsMemory(0, length), ct).ConfigureAwait(false);
                await _port.FlushAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                _writeGate.Release();
            }

            Interlocked.Add(ref _bytesSent, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task SendAllAsync(IEnumerable<ProofSheet> sheets, CancellationToken ct)
    {
        foreach (var sheet in sheets)
        {
            await SendAsync(sheet, ct).ConfigureAwait(false);
        }
    }

    private static int Encode(ProofSheet sheet, byte[] buffer)
    {
        var header = $"\u0002{sheet.JobNumber}/{sheet.Sheet}\n";
        var length = Encoding.ASCII.GetBytes(header, buffer);
        foreach (var line in sheet.Lines)
        {
            if (length + line.Length + 2 > MaxFrame)
            {
                throw new InvalidOperationException($"Proof {sheet.JobNumber}/{sheet.Sheet} is too long for one frame.");
            }

            length += Encoding.ASCII.GetBytes(line, buffer.AsSpan(length));
            buffer[length++] = (byte)'\n';
        }

        buffer[length++] = 0x03;
        return length;
    }
}
