namespace Blind64.Bindery.Costing
{
    public sealed record BindingJob(string OrderId, int Signatures, int PagesPerSignature, string CoverMaterial);

    public sealed class MaterialTotals
    {
        public int Signatures;
        public int Pages;
        public Dictionary<string, int> CoversByMaterial { get; } = new(StringComparer.OrdinalIgnoreCase);

        public void Merge(MaterialTotals other)
        {
            Signatures += other.Signatures;
            Pages += other.Pages;
            foreach (var (material, count) in other.CoversByMaterial)
            {
                CoversByMaterial[material] = CoversByMaterial.GetValueOrDefault(material) + count;
            }
        }
    }

    /// <summary>
    /// Works out thread, board and cover-material requirements for a month of binding jobs.
    /// </summary>
    public static class MaterialPlanner
    {
        public static MaterialTotals Plan(IReadOnlyList<BindingJob> jobs)
        {
            var grand = new MaterialTotals();
            var mergeLock = new object();

            Parallel.ForEach(
                jobs,
                () => new MaterialTotals(),
                (job, _, local) =>
                {
                    local.Signatures += job.Signatures;
                    local.Pages += job.Signatures * job.PagesPerSignature;
                    local.CoversByMaterial[job.CoverMaterial] =
                        local.CoversByMaterial.GetValueOrDefault(job.CoverMaterial) + 1;
                    return local;
                },
                local =>
                {
                    lock (mergeLock)
                    {
                        grand.Merge(local);
                    }
                });

            return grand;
        }

        public static double MetresOfLinenThread(MaterialTotals totals) =>
            totals.Signatures * 0.45;

        public static IReadOnlyList<string> Describe(IReadOnlyList<BindingJob> jobs)
        {
            var totals = Plan(jobs);
            var lines = new List<string>
            {
                $"{totals.Signatures} signatures, {totals.Pages} pages",
                $"{MetresOfLinenThread(totals):F1} m linen thread",
            };

            lines.AddRange(totals.CoversByMaterial
                .OrderByDescending(kv => kv.Value)
                .Select(kv => $"{kv.Value} x {kv.Key} covers"));

            return lines;
        }
    }
}
