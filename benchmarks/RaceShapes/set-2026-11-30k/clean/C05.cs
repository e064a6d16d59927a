using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace Tooling.Compiler.Symbols
{
    public sealed record SymbolId(int Id, string FullName);

    /// <summary>
    /// Project-wide table of declared symbols. Every file's declaration pass
    /// interns the names it declares; later passes compare symbols by id.
    /// </summary>
    public sealed class GlobalSymbolTable
    {
        private readonly ConcurrentDictionary<string, SymbolId> _symbols = new(StringComparer.Ordinal);
        private int _nextId;

        public int Count => _symbols.Count;

        public SymbolId Intern(string fullName) =>
            _symbols.GetOrAdd(fullName, static (name, table) => new SymbolId(Interlocked.Increment(ref table._nextId), name), this);

        public SymbolId? Find(string fullName) =>
            _symbols.TryGetValue(fullName, out var id) ? id : null;
    }

    /// <summary>
    /// First compiler pass: scans every source file for declarations.
    /// </summary>
    public sealed class DeclarationScanner
    {
        private static readonly Regex NamespacePattern = new(@"^\s*module\s+([\w.]+)", RegexOptions.Compiled);
        private static readonly Regex DeclarationPattern = new(@"^\s*(?:pub\s+)?(?:fn|type|const)\s+(\w+)", RegexOptions.Compiled);

        private readonly GlobalSymbolTable _table;

        public DeclarationScanner(GlobalSymbolTable table)
        {
            _table = table;
        }

        public async Task<IReadOnlyDictionary<string, IReadOnlyList<SymbolId>>> ScanAsync(IEnumerable<string> files, CancellationToken cancellationToken)
        {
            var declarationsByFile = new ConcurrentDictionary<string, IReadOnlyList<SymbolId>>(StringComparer.OrdinalIgnoreCase);

            await Parallel.ForEachAsync(files, cancellationToken, async (path, token) =>
            {
                var lines = await File.ReadAllLinesAsync(path, token).ConfigureAwait(false);
                string module = Path.GetFileNameWithoutExtension(path);
                var declared = new List<SymbolId>();

                foreach (var line in lines)
                {
                    var ns = NamespacePattern.Match(line);
                    if (ns.Success)
                    {
                        module = ns.Groups[1].Value;
                        continue;
                    }

                    var decl = DeclarationPattern.Match(line);
                    if (decl.Success)
                        declared.Add(_table.Intern(module + "." + decl.Groups[1].Value));
                }

                declarationsByFile[path] = declared;
            });

            return declarationsByFile.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        }
    }
}
