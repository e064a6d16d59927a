using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// The compilations that bind every method body alike: the same syntax trees, or trees whose declarations are
/// equivalent (<see cref="SyntaxTree.IsEquivalentTo"/> with <c>topLevel: true</c>, as after an edit inside a body),
/// with the same references and options. What a body binds to depends only on those, so what was learnt from a body
/// of an unchanged tree in one of them holds in all of them (<see cref="BodyDigest"/>).
/// </summary>
/// <remarks>
/// An IDE asks for each document's diagnostics with a new <see cref="Compilation"/> that shares the unchanged
/// documents' trees with the one before; a build parses every file anew. So a world is only made for a compilation
/// that shares a tree with an earlier one: a build pays a table lookup per file and keeps nothing.
/// </remarks>
internal sealed class DeclarationWorld
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeMark> Marks = new();
    private static readonly ConditionalWeakTable<Compilation, StrongBox<DeclarationWorld?>> Worlds = new();

    private readonly MetadataReference[] _references;
    private readonly CompilationOptions _options;
    private TreeMark[] _marks;
    private int _replays;

    private DeclarationWorld(TreeMark[] marks, MetadataReference[] references, CompilationOptions options)
    {
        _marks = marks;
        _references = references;
        _options = options;
    }

    private static int _allReplays;

    /// <summary>How many bodies were replayed from digests in this world.</summary>
    public int Replays => Volatile.Read(ref _replays);

    /// <summary>How many bodies were replayed in every world of this process (a check reads it before and after a compilation).</summary>
    public static int AllReplays => Volatile.Read(ref _allReplays);

    /// <summary>The world of <paramref name="compilation"/>, or null when it shares no tree with an earlier compilation.</summary>
    public static DeclarationWorld? Of(Compilation compilation)
        => Worlds.GetValue(compilation, static c => new StrongBox<DeclarationWorld?>(Find(c))).Value;

    public void CountReplay()
    {
        Interlocked.Increment(ref _replays);
        Interlocked.Increment(ref _allReplays);
    }

    private static DeclarationWorld? Find(Compilation compilation)
    {
        var marks = new TreeMark[compilation.SyntaxTrees.Count()];
        var shared = false;
        var i = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            marks[i++] = Marks.TryGetValue(tree, out var mark) ? mark : Marks.GetValue(tree, static t => new TreeMark(t));
            shared |= mark is not null;
        }

        if (!shared)
        {
            return null;
        }

        // The candidates are the worlds the shared trees were last seen in (usually one). No list of worlds is
        // kept: a world lives as long as one of its trees.
        var references = compilation.References.ToArray();
        lock (Marks)
        {
            DeclarationWorld? found = null;
            var tried = new List<DeclarationWorld>();
            foreach (var mark in marks)
            {
                if (mark.World is not { } candidate || tried.Contains(candidate))
                {
                    continue;
                }

                tried.Add(candidate);
                if (candidate.Matches(marks, references, compilation.Options))
                {
                    found = candidate;
                    break;
                }
            }

            found ??= new DeclarationWorld(marks, references, compilation.Options);

            // Later compilations compare against these trees; an edited tree before them is let go.
            found._marks = marks;
            foreach (var mark in marks)
            {
                mark.World = found;
            }

            return found;
        }
    }

    private bool Matches(TreeMark[] marks, MetadataReference[] references, CompilationOptions options)
    {
        if (marks.Length != _marks.Length || references.Length != _references.Length || !_options.Equals(options))
        {
            return false;
        }

        for (var i = 0; i < references.Length; i++)
        {
            if (!ReferenceEquals(references[i], _references[i]))
            {
                return false;
            }
        }

        for (var i = 0; i < marks.Length; i++)
        {
            if (ReferenceEquals(marks[i], _marks[i]))
            {
                continue;
            }

            var tree = marks[i].Tree;
            var known = _marks[i].Tree;
            if (tree.FilePath != known.FilePath || !tree.IsEquivalentTo(known, topLevel: true))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A tree seen in a compilation: the tree, to compare a later version with, and the world it was last in.</summary>
    private sealed class TreeMark
    {
        public TreeMark(SyntaxTree tree) => Tree = tree;

        public SyntaxTree Tree { get; }

        public DeclarationWorld? World { get; set; }
    }
}
