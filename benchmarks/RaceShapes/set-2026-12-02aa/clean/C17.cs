using System.Buffers;

namespace Blind27.PotteryKilns.Firing;

public readonly record struct ThermocoupleFrame(int Channel, short RawMillivoltsTimes100);

/// <summary>
/// Decodes thermocouple frames from the kiln controllers into temperatures.
/// </summary>
public static class KilnFrameDecoder
{
    private const int FrameSize = 4;

    public static double[] DecodeCelsius(Stream source, int frameCount)
    {
        var byteCount = frameCount * FrameSize;
        var scratch = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var read = 0;
            while (read < byteCount)
            {
                var n = source.Read(scratch, read, byteCount - read);
                if (n == 0)
                {
                    break;
                }
                read += n;
            }

            var frames = read / FrameSize;
            var result = new double[frames];
            for (var i = 0; i < frames; i++)
            {
                var raw = BitConverter.ToInt16(scratch, i * FrameSize + 2);
                result[i] = ToCelsius(raw / 100.0);
            }

            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    // Type K approximation, good enough for glaze firing up to cone 10.
    private static double ToCelsius(double millivolts) => 24.4 * millivolts + 0.02 * millivolts * millivolts;
}

/// <summary>Reads every kiln in the shed in parallel at the end of a firing cycle.</summary>
public sealed class KilnShedReader
{
    private readonly Func<string, Stream> _openKiln;

    public KilnShedReader(Func<string, Stream> openKiln) => _openKiln = openKiln;

    public async Task<IReadOnlyDictionary<string, double>> PeakTemperaturesAsync(IEnumerable<string> kilnIds)
    {
        var tasks = kilnIds.Select(id => Task.Run(() =>
        {
            using var stream = _openKiln(id);
            var temps = KilnFrameDecoder.DecodeCelsius(stream, 256);
            return (id, peak: temps.Length == 0 ? 0 : temps.Max());
        }));

        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return results.ToDictionary(r => r.id, r => r.peak);
    }
}
