using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace MapleSyrupFarms.Grading;

/// <summary>
/// Small pool of reusable objects.
/// </summary>
public sealed class SimplePool<T> where T : class
{
    private readonly ConcurrentBag<T> _items = new();
    private readonly Func<T> _create;
    private readonly Action<T> _reset;

    public SimplePool(Func<T> create, Action<T> reset)
    {
        _create = create;
        _reset = reset;
    }

    public T Rent() => _items.TryTake(out var item) ? item : _create();

    public void Return(T item)
    {
        _reset(item);
        _items.Add(item);
    }
}

public sealed record SyrupSample(string Barrel, byte[] SpectrometerBytes);

/// <summary>
/// Grades barrels of syrup by light transmittance. Used by all grading benches at the
/// co-op at once; scratch buffers come from shared pools.
/// </summary>
public sealed class SyrupGrader
{
    private static readonly SimplePool<StringBuilder> Builders =
        new(() => new StringBuilder(256), sb => sb.Clear());

    public string Grade(SyrupSample sample)
    {
        int n = sample.SpectrometerBytes.Length / 2;
        double[] readings = ArrayPool<double>.Shared.Rent(n);
        var sb = Builders.Rent();
        try
        {
            for (int i = 0; i < n; i++)
            {
                readings[i] = BitConverter.ToUInt16(sample.SpectrometerBytes, i * 2) / 65535.0;
            }

            double transmittance = 0;
            for (int i = 0; i < n; i++)
            {
                transmittance += readings[i];
            }
            transmittance = n == 0 ? 0 : transmittance / n * 100;

            string grade = transmittance switch
            {
                >= 75 => "Golden, Delicate Taste",
                >= 50 => "Amber, Rich Taste",
                >= 25 => "Dark, Robust Taste",
                _ => "Very Dark, Strong Taste",
            };

            sb.Append(sample.Barrel).Append(": ").Append(grade)
              .Append(" (").Append(transmittance.ToString("F1")).Append("% Tc)");
            return sb.ToString();
        }
        finally
        {
            Builders.Return(sb);
            ArrayPool<double>.Shared.Return(readings);
        }
    }
}

/// <summary>Grades a delivery of barrels across the benches.</summary>
public static class DeliveryGrading
{
    public static async Task<IReadOnlyList<string>> GradeAllAsync(IReadOnlyList<SyrupSample> samples, CancellationToken ct)
    {
        var grader = new SyrupGrader();
        var output = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(samples, ct, (sample, _) =>
        {
            output.Enqueue(grader.Grade(sample));
            return ValueTask.CompletedTask;
        });
        return output.OrderBy(s => s, StringComparer.Ordinal).ToList();
    }
}
