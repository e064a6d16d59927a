namespace Rowing.Regatta.Handicaps;

public sealed record Crew(string Name, int AverageAge, double RawSeconds);

/// <summary>
/// Computes masters handicap placings for a regatta. Each worker handles a slice of
/// crews; after every phase the workers meet at a barrier and read what the others
/// wrote in the previous phase.
/// </summary>
public sealed class MastersHandicapCalculator
{
    public IReadOnlyList<(string Crew, double Adjusted, int Place)> Calculate(IReadOnlyList<Crew> crews, int workers)
    {
        var adjusted = new double[crews.Count];
        var places = new int[crews.Count];
        var sliceMin = new double[workers];
        var fieldBest = 0.0;

        using var barrier = new Barrier(workers, _ =>
        {
            fieldBest = sliceMin.Min();
        });

        var threads = new Thread[workers];
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            threads[w] = new Thread(() =>
            {
                var from = crews.Count * worker / workers;
                var to = crews.Count * (worker + 1) / workers;

                var min = double.MaxValue;
                for (var i = from; i < to; i++)
                {
                    adjusted[i] = crews[i].RawSeconds * AgeFactor(crews[i].AverageAge);
                    min = Math.Min(min, adjusted[i]);
                }
                sliceMin[worker] = min;

                barrier.SignalAndWait();

                for (var i = from; i < to; i++)
                {
                    var place = 1;
                    for (var j = 0; j < adjusted.Length; j++)
                    {
                        if (adjusted[j] < adjusted[i])
                        {
                            place++;
                        }
                    }
                    places[i] = adjusted[i] - fieldBest < 0.005 ? 1 : place;
                }
            });
            threads[w].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        return crews.Select((c, i) => (c.Name, adjusted[i], places[i])).OrderBy(r => r.Item3).ToList();
    }

    private static double AgeFactor(int age) => age switch
    {
        < 27 => 1.0,
        < 36 => 0.99,
        < 43 => 0.975,
        < 50 => 0.955,
        < 55 => 0.94,
        _ => 0.92,
    };
}
