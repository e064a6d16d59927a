using System.Collections.Concurrent;

namespace Blind64.HedgeLaying.Surveys
{
    /// <summary>A surveyed hedge section; filled in by the reader, then scored by a worker.</summary>
    public sealed class HedgeSection
    {
        public string SectionId { get; init; } = "";
        public List<string> Species { get; } = new();
        public double LengthMetres { get; set; }
        public int GapCount { get; set; }
        public double Score { get; set; }
    }

    /// <summary>
    /// Scores hedge-survey sections for the laying grant application. A reader thread parses
    /// the survey file and hands each finished section to the scoring workers through a
    /// bounded blocking collection.
    /// </summary>
    public static class HedgeSurveyScorer
    {
        public static IReadOnlyList<HedgeSection> Score(IEnumerable<string[]> surveyRows, int workers)
        {
            using var handoff = new BlockingCollection<HedgeSection>(boundedCapacity: 64);
            var scored = new ConcurrentBag<HedgeSection>();

            var reader = Task.Factory.StartNew(() =>
            {
                try
                {
                    foreach (var row in surveyRows)
                    {
                        var section = new HedgeSection
                        {
                            SectionId = row[0],
                            LengthMetres = double.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture),
                            GapCount = int.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture),
                        };
                        section.Species.AddRange(row.Skip(3));
                        handoff.Add(section);
                    }
                }
                finally
                {
                    handoff.CompleteAdding();
                }
            }, TaskCreationOptions.LongRunning);

            var scorers = Enumerable.Range(0, workers).Select(_ => Task.Run(() =>
            {
                foreach (var section in handoff.GetConsumingEnumerable())
                {
                    var woodySpecies = section.Species.Distinct(StringComparer.OrdinalIgnoreCase).Count();
                    var gapsPer100m = section.GapCount / Math.Max(1, section.LengthMetres) * 100;
                    section.Score = woodySpecies * 2 - gapsPer100m;
                    scored.Add(section);
                }
            })).ToArray();

            Task.WaitAll(scorers.Append(reader).ToArray());

            return scored
                .AsParallel()
                .OrderByDescending(s => s.Score)
                .ThenBy(s => s.SectionId)
                .ToList();
        }
    }
}
