using System.Collections.Generic;
using System.Linq;

namespace Arena.Inventory
{
    public sealed record ItemStack(string ItemId, int Quantity);

    /// <summary>
    /// Inventory of one connected player. Loot pickups, trades and crafting
    /// requests for the same player can arrive on different worker threads.
    /// </summary>
    public sealed class PlayerInventory
    {
        private readonly object _sync = new();
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _unitWeights = new(StringComparer.Ordinal);
        private readonly int _capacity;
        private int _totalWeight;

        public PlayerInventory(int capacity)
        {
            _capacity = capacity;
        }

        public int TotalWeight
        {
            get { lock (_sync) return _totalWeight; }
        }

        public bool TryAdd(string itemId, int quantity, int unitWeight)
        {
            if (quantity <= 0)
                throw new ArgumentOutOfRangeException(nameof(quantity));

            lock (_sync)
            {
                int added = quantity * unitWeight;
                if (_totalWeight + added > _capacity)
                    return false;

                AddUnchecked(itemId, quantity, unitWeight);
                return true;
            }
        }

        /// <summary>Consumes all ingredients of a recipe, or nothing if any is missing.</summary>
        public bool TryCraft(IReadOnlyDictionary<string, int> ingredients, string resultItemId, int resultWeight)
        {
            lock (_sync)
            {
                if (!ingredients.All(i => HasAtLeast(i.Key, i.Value)))
                    return false;

                foreach (var (itemId, quantity) in ingredients)
                    RemoveUnchecked(itemId, quantity);

                AddUnchecked(resultItemId, 1, resultWeight);
                return true;
            }
        }

        public int CountOf(string itemId)
        {
            lock (_sync)
            {
                return _counts.TryGetValue(itemId, out var count) ? count : 0;
            }
        }

        public IReadOnlyList<ItemStack> Snapshot()
        {
            lock (_sync)
            {
                return _counts.Select(kv => new ItemStack(kv.Key, kv.Value)).OrderBy(s => s.ItemId).ToList();
            }
        }

        private bool HasAtLeast(string itemId, int quantity) =>
            _counts.TryGetValue(itemId, out var count) && count >= quantity;

        private void AddUnchecked(string itemId, int quantity, int unitWeight)
        {
            _counts[itemId] = (_counts.TryGetValue(itemId, out var count) ? count : 0) + quantity;
            _unitWeights[itemId] = unitWeight;
            _totalWeight += quantity * unitWeight;
        }

        private void RemoveUnchecked(string itemId, int quantity)
        {
            int remaining = _counts[itemId] - quantity;
            _totalWeight -= quantity * _unitWeights[itemId];

            if (remaining == 0)
            {
                _counts.Remove(itemId);
                _unitWeights.Remove(itemId);
            }
            else
            {
                _counts[itemId] = remaining;
            }
        }
    }
}
