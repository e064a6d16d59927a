namespace Blind66.SheepShearing.Grading;

public sealed record Fleece(string Tag, string Breed, double Kg, double MicronDiameter, double VegetableMatterPercent);

public enum WoolGrade
{
    Superfine,
    Fine,
    Medium,
    Strong,
    Oddments,
}

public sealed record GradeSummary(IReadOnlyDictionary<WoolGrade, double> KgByGrade, int FleeceCount, double HeaviestKg);

/// <summary>
/// Grades a clip of fleeces for the wool classer. The clip can be tens of thousands of
/// fleeces, so grading runs as a parallel query.
/// </summary>
public static class ClipGrader
{
    public static WoolGrade Grade(Fleece fleece)
    {
        if (fleece.VegetableMatterPercent > 3.0 || fleece.Kg < 1.0)
        {
            return WoolGrade.Oddments;
        }

        return fleece.MicronDiameter switch
        {
            < 18.5 => WoolGrade.Superfine,
            < 21.0 => WoolGrade.Fine,
            < 24.0 => WoolGrade.Medium,
            _ => WoolGrade.Strong,
        };
    }

    public static GradeSummary Summarise(IEnumerable<Fleece> clip, CancellationToken ct = default) =>
        clip.AsParallel()
            .WithCancellation(ct)
            .Aggregate(
                () => new Accumulator(),
                (acc, fleece) => acc.Add(fleece),
                (left, right) => left.Merge(right),
                acc => acc.ToSummary());

    private sealed class Accumulator
    {
        private readonly double[] _kgByGrade = new double[Enum.GetValues<WoolGrade>().Length];
        private int _count;
        private double _heaviest;

        public Accumulator Add(Fleece fleece)
        {
            _kgByGrade[(int)Grade(fleece)] += fleece.Kg;
            _count++;
            _heaviest = Math.Max(_heaviest, fleece.Kg);
            return this;
        }

        public Accumulator Merge(Accumulator other)
        {
            for (var i = 0; i < _kgByGrade.Length; i++)
            {
                _kgByGrade[i] += other._kgByGrade[i];
            }

            _count += other._count;
            _heaviest = Math.Max(_heaviest, other._heaviest);
            return this;
        }

        public GradeSummary ToSummary() =>
            new(
                Enum.GetValues<WoolGrade>().ToDictionary(g => g, g => _kgByGrade[(int)g]),
                _count,
                _heaviest);
    }
}
