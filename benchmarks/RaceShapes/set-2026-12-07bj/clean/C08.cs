using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind62.OperaWardrobe.Stock
{
    public sealed record CostumeItem(string Code, string Production, string Role, string Size, bool NeedsRepair);

    /// <summary>
    /// Costume stock for the wardrobe department, with undo for the last edits made at
    /// the cutting-room terminal. Read constantly by the stage-management tablets;
    /// edited far less often.
    /// </summary>
    public sealed class CostumeStock : IDisposable
    {
        private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
        private readonly Dictionary<string, CostumeItem> _items = new(StringComparer.OrdinalIgnoreCase);
        private readonly Stack<(string Code, CostumeItem? Previous)> _undo = new();
        private readonly Stack<(string Code, CostumeItem? Previous)> _redo = new();

        public CostumeItem? Find(string code)
        {
            _lock.EnterReadLock();
            try
            {
                return _items.TryGetValue(code, out var item) ? item : null;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public List<CostumeItem> ForProduction(string production)
        {
            _lock.EnterReadLock();
            try
            {
                var result = new List<CostumeItem>();
                foreach (var item in _items.Values)
                {
                    if (string.Equals(item.Production, production, StringComparison.OrdinalIgnoreCase))
                    {
                        result.Add(item);
                    }
                }

                return result;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public void Upsert(CostumeItem item)
        {
            _lock.EnterWriteLock();
            try
            {
                _items.TryGetValue(item.Code, out var previous);
                _items[item.Code] = item;
                _undo.Push((item.Code, previous));
                _redo.Clear();
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        public bool Undo() => Swap(_undo, _redo);

        public bool Redo() => Swap(_redo, _undo);

        private bool Swap(Stack<(string Code, CostumeItem? Previous)> from, Stack<(string Code, CostumeItem? Previous)> to)
        {
            _lock.EnterWriteLock();
            try
            {
                if (!from.TryPop(out var entry))
                {
                    return false;
                }

                _items.TryGetValue(entry.Code, out var current);
                if (entry.Previous is null)
                {
                    _items.Remove(entry.Code);
                }
                else
                {
                    _items[entry.Code] = entry.Previous;
                }

                to.Push((entry.Code, current));
                return true;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        public void Dispose() => _lock.Dispose();
    }
}
