using System.Collections.Concurrent;

namespace Blind64.CamelRacing.Vetting
{
    public sealed record VetCheck(string CamelId, string CheckType);

    /// <summary>
    /// Distributes pre-race veterinary checks across the vets on duty. Each vet has their own
    /// queue of assigned camels; a vet who runs out takes work from the busiest colleague.
    /// </summary>
    public sealed class VetRota
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<VetCheck>> _queues = new();
        private readonly ConcurrentBag<(string Vet, VetCheck Check)> _done = new();

        public VetRota(IEnumerable<string> vets)
        {
            foreach (var vet in vets)
            {
                _queues[vet] = new ConcurrentQueue<VetCheck>();
            }
        }

        public void Assign(string vet, VetCheck check) => _queues[vet].Enqueue(check);

        public async Task RunAsync(Func<string, VetCheck, Task> examine)
        {
            var vets = _queues.Keys.ToArray();
            await Task.WhenAll(vets.Select(vet => Task.Run(() => WorkAsync(vet, examine))));
        }

        private async Task WorkAsync(string vet, Func<string, VetCheck, Task> examine)
        {
            var own = _queues[vet];
            while (true)
            {
                if (!own.TryDequeue(out var check) && !TrySteal(vet, out check))
                {
                    return;
                }

                await examine(vet, check!).ConfigureAwait(false);
                _done.Add((vet, check!));
            }
        }

        private bool TrySteal(string thief, out VetCheck? check)
        {
            var victim = _queues
                .Where(kv => kv.Key != thief)
                .OrderByDescending(kv => kv.Value.Count)
                .Select(kv => kv.Value)
                .FirstOrDefault();

            if (victim is not null && victim.TryDequeue(out var stolen))
            {
                check = stolen;
                return true;
            }

            check = null;
            return false;
        }

        public IReadOnlyDictionary<string, int> ChecksPerVet() =>
            _done.GroupBy(d => d.Vet).ToDictionary(g => g.Key, g => g.Count());
    }
}
