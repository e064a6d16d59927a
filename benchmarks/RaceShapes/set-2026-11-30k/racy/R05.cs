using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Tooling.Compiler.Binding
{
    public sealed record BuiltinSymbol(string Name, string Kind, int Arity);

    /// <summary>
    /// Global scope of intrinsic functions and types that every source file can
    /// reference without an import.
    /// </summary>
    public static class BuiltinScope
    {
        private static Dictionary<string, BuiltinSymbol>? _symbols;

        public static BuiltinSymbol? Lookup(string name)
        {
            if (_symbols == null)
            {
                _symbols = new Dictionary<string, BuiltinSymbol>(StringComparer.Ordinal);
                RegisterIntrinsics(_symbols);
            }

            return _symbols.TryGetValue(name, out var symbol) ? symbol : null;
        }

        private static void RegisterIntrinsics(Dictionary<string, BuiltinSymbol> table)
        {
            table.Add("print", new BuiltinSymbol("print", "function", 1));
            table.Add("len", new BuiltinSymbol("len", "function", 1));
            table.Add("min", new BuiltinSymbol("min", "function", 2));
            table.Add("max", new BuiltinSymbol("max", "function", 2));
            table.Add("abs", new BuiltinSymbol("abs", "function", 1));
            table.Add("int", new BuiltinSymbol("int", "type", 0));
            table.Add("float", new BuiltinSymbol("float", "type", 0));
            table.Add("string", new BuiltinSymbol("string", "type", 0));
            table.Add("bool", new BuiltinSymbol("bool", "type", 0));
            table.Add("list", new BuiltinSymbol("list", "type", 1));
            table.Add("map", new BuiltinSymbol("map", "type", 2));
        }
    }

    public sealed record Diagnostic(string File, int Line, string Message);

    /// <summary>
    /// Resolves identifiers in every source file of a project. Files are bound
    /// independently, so they are processed in parallel.
    /// </summary>
    public sealed class ProjectBinder
    {
        private static readonly Regex DeclarationPattern = new(@"^\s*(?:let|fn|type)\s+([A-Za-z_]\w*)", RegexOptions.Compiled);
        private static readonly Regex IdentifierPattern = new(@"\b([A-Za-z_]\w*)\s*\(", RegexOptions.Compiled);

        public async Task<IReadOnlyList<Diagnostic>> BindAllAsync(IReadOnlyList<string> sourceFiles)
        {
            var tasks = sourceFiles.Select(path => Task.Run(() => BindFile(path))).ToArray();
            var perFile = await Task.WhenAll(tasks);
            return perFile.SelectMany(d => d).OrderBy(d => d.File).ThenBy(d => d.Line).ToList();
        }

        private static List<Diagnostic> BindFile(string path)
        {
            var diagnostics = new List<Diagnostic>();
            var lines = File.ReadAllLines(path);
            var declared = new HashSet<string>(StringComparer.Ordinal);

            foreach (var line in lines)
            {
                var decl = DeclarationPattern.Match(line);
                if (decl.Success)
                    declared.Add(decl.Groups[1].Value);
            }

            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match call in IdentifierPattern.Matches(lines[i]))
                {
                    var name = call.Groups[1].Value;
                    if (declared.Contains(name))
                        continue;
                    if (BuiltinScope.Lookup(name) is null)
                        diagnostics.Add(new Diagnostic(path, i + 1, $"Unknown function '{name}'."));
                }
            }

            return diagnostics;
        }
    }
}
