namespace Blind61.CaveSurvey.Loops;

public sealed record Shot(string From, string To, double Tape, double Compass, double Clino);

public readonly record struct Vector3(double East, double North, double Up)
{
    public static Vector3 operator +(Vector3 a, Vector3 b) => new(a.East + b.East, a.North + b.North, a.Up + b.Up);
    public double Length => Math.Sqrt(East * East + North * North + Up * Up);
}

public sealed record LoopClosure(string LoopName, double LengthMetres, double MisclosureMetres, double Ratio);

/// <summary>
/// Checks loop closures across a survey dataset. Each loop is an independent list of shots so
/// the loops are evaluated in parallel with PLINQ.
/// </summary>
public static class LoopClosureChecker
{
    public static Vector3 ToVector(Shot s)
    {
        var clino = s.Clino * Math.PI / 180.0;
        var bearing = s.Compass * Math.PI / 180.0;
        var horizontal = s.Tape * Math.Cos(clino);
        return new Vector3(horizontal * Math.Sin(bearing), horizontal * Math.Cos(bearing), s.Tape * Math.Sin(clino));
    }

    public static IReadOnlyList<LoopClosure> Check(IReadOnlyDictionary<string, IReadOnlyList<Shot>> loops)
    {
        return loops
            .AsParallel()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .Select(kv =>
            {
                var sum = new Vector3(0, 0, 0);
                double length = 0;
                foreach (var shot in kv.Value)
                {
                    sum += ToVector(shot);
                    length += shot.Tape;
                }
                var mis = sum.Length;
                return new LoopClosure(kv.Key, length, mis, length == 0 ? 0 : mis / length);
            })
            .OrderByDescending(c => c.Ratio)
            .ToList();
    }

    public static double TotalSurveyedLength(IEnumerable<Shot> shots) =>
        shots.AsParallel().Where(s => s.To != "-").Sum(s => s.Tape);

    public static Vector3 NetDisplacement(IReadOnlyList<Shot> traverse) =>
        traverse.AsParallel()
            .Aggregate(
                () => new Vector3(0, 0, 0),
                (acc, shot) => acc + ToVector(shot),
                (a, b) => a + b,
                total => total);
}

/// <summary>CLI entry for the club's survey checker.</summary>
public static class LoopCheckCommand
{
    public static int Run(IReadOnlyDictionary<string, IReadOnlyList<Shot>> loops, TextWriter output, double tolerance)
    {
        var results = LoopClosureChecker.Check(loops);
        var failures = 0;
        foreach (var r in results)
        {
            var flag = r.Ratio > tolerance ? "CHECK" : "ok";
            if (r.Ratio > tolerance) failures++;
            output.WriteLine($"{r.LoopName,-20} {r.LengthMetres,8:F1} m  mis {r.MisclosureMetres,6:F2} m  {r.Ratio,7:P2}  {flag}");
        }
        output.WriteLine($"{results.Count} loops, {failures} over tolerance");
        return failures == 0 ? 0 : 1;
    }
}
