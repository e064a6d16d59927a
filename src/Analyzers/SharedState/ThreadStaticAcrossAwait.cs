using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// The object of a <c>[ThreadStatic]</c> field kept in a local across an <c>await</c> (FL1001):
/// <code>
/// [ThreadStatic] private static StringBuilder? t_builder;
///
/// var sb = t_builder ??= new StringBuilder();
/// sb.Append(…);
/// await printer.WriteAsync(…);   // the method may go on on another thread; this thread runs the next work item,
/// sb.Clear();                    // whose WriteAsync takes the same builder from its slot
/// </code>
/// </summary>
/// <remarks>
/// <para>A thread-static cache hands each thread its own object on the promise that the thread uses it to the end
/// before anything else runs on it. An <c>await</c> breaks the promise twice: the thread goes back to its pool (or its
/// loop) and runs other work that takes the same object from the slot, and the method resumes on some thread, maybe
/// another, still holding it. Two pieces of work then change one object at once (set am R15: labels printed by
/// <c>Parallel.ForEachAsync</c> mixed their lines).</para>
/// <para>Reported at the first use of the local after the first <c>await</c> that follows its declaration, in an
/// <c>async</c> method, lambda or local function, when the local is initialized from a field of the compilation marked
/// <c>[ThreadStatic]</c> (<c>t_x</c>, <c>t_x ??= new …</c>, <c>t_x ?? new …</c>), directly or by a call of a method of
/// the same file whose one <c>return</c> hands out that field's object (<c>var sb = AcquireBuilder();</c> where
/// <c>AcquireBuilder</c> does <c>var b = t_builder ??= new …; b.Clear(); return b;</c>, set an R14), and neither
/// function stores anything else into that field (one that takes the object out of its slot, <c>t_x = null</c>, owns
/// it). No fix is offered: take the object out of the slot for the duration, or use it only between awaits.</para>
/// </remarks>
internal static class ThreadStaticAcrossAwait
{
    private static readonly string[] Words = ["ThreadStatic", "ThreadStaticAttribute"];
    private static readonly string[] AwaitWord = ["await"];

    /// <summary>Whether <paramref name="text"/> can declare a thread-static field and await.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text)
        => SourceWords.Any(text, AwaitWord) && SourceWords.Any(text, Words);

    /// <summary>Adds a finding for every use, after an await, of a thread-static object kept in a local in <paramref name="semanticModel"/>'s tree.</summary>
    public static void Find(SemanticModel semanticModel, RaceFindings findings, ConcurrencyTypes types, CancellationToken cancellationToken)
    {
        var root = semanticModel.SyntaxTree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes())
        {
            if (node is not LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } declaration
                || variables[0].Initializer?.Value is not { } initializer
                || MethodSyntaxFacts.FunctionOf(declaration) is not { } function
                || !IsAsync(function))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var (fieldName, helper, helperRead) = FieldNamed(initializer) is { } named ? (named, null, null) : HandedOutBy(initializer, semanticModel, cancellationToken);
            if (fieldName is null
                || semanticModel.GetSymbolInfo(fieldName, cancellationToken).Symbol is not IFieldSymbol field
                || !types.IsThreadStatic(field)
                || StoresOtherwise(function, field.Name, initializer)
                || (helper is not null && StoresOtherwise(helper, field.Name, helperRead!))
                || FirstAwaitAfter(function, declaration.Span.End) is not { } awaited
                || FirstUseAfter(function, variables[0].Identifier.ValueText, awaited.Span.End) is not { } use
                || semanticModel.GetEnclosingSymbol(declaration.SpanStart, cancellationToken) is not { } owner)
            {
                continue;
            }

            var awaitLine = awaited.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            var member = owner is IMethodSymbol { AssociatedSymbol: { } property } ? property.Name : owner.Name;
            findings.Add(DiagnosticIds.SharedStateMutation, use.GetLocation(), awaited.GetLocation(), field, lockName: null,
                [field.Name, member,
                 $"'{member}' keeps the [ThreadStatic] object of '{field.Name}' in '{variables[0].Identifier.ValueText}' across the await at line {awaitLine}: the thread runs other work meanwhile, which takes the same object from its slot, and the method may go on on another thread with it"],
                handedOver: true);
        }
    }

    /// <summary>
    /// The field a call of a method of the same file hands out the thread's object from, the method, and the expression
    /// in it that reads the field: its one <c>return</c> (or expression body) gives back the field read
    /// (<see cref="FieldNamed"/>), or a local of its body initialized from one and not assigned again. Only the call is
    /// bound.
    /// </summary>
    private static (SimpleNameSyntax? Field, SyntaxNode? Helper, ExpressionSyntax? Read) HandedOutBy(ExpressionSyntax initializer, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        if (Unwrapped(initializer) is not InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax } call
            || semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol { IsAsync: false, DeclaringSyntaxReferences.Length: 1 } method
            || method.DeclaringSyntaxReferences[0].SyntaxTree != semanticModel.SyntaxTree
            || method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax helper)
        {
            return (null, null, null);
        }

        ExpressionSyntax? returned = helper.ExpressionBody?.Expression;
        if (helper.Body is { } body)
        {
            foreach (var statement in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (statement is ReturnStatementSyntax { Expression: { } value })
                {
                    if (returned is not null)
                    {
                        return (null, null, null); // several returns: which one runs is the body's business
                    }

                    returned = value;
                }
            }
        }

        if (returned is null)
        {
            return (null, null, null);
        }

        if (returned is not IdentifierNameSyntax { Identifier.ValueText: var local } || helper.Body is not { } block
            || !block.DescendantNodes().OfType<VariableDeclaratorSyntax>().Any(declarator => declarator.Identifier.ValueText == local))
        {
            return FieldNamed(returned) is { } direct ? (direct, helper, returned) : (null, null, null);
        }

        (SimpleNameSyntax Field, ExpressionSyntax Read)? found = null;
        foreach (var token in SourceWords.IdentifiersNamed(block, local))
        {
            switch (token.Parent)
            {
                case VariableDeclaratorSyntax { Initializer.Value: var value } when found is null && FieldNamed(value) is { } read:
                    found = (read, value);
                    break;
                case IdentifierNameSyntax { Parent: AssignmentExpressionSyntax store } name when store.Left == name:
                    return (null, null, null); // the local is given another object
            }
        }

        return found is { } initialized ? (initialized.Field, helper, initialized.Read) : (null, null, null);
    }

    /// <summary>The field an initializer reads the thread's object from: <c>t_x</c>, <c>t_x ??= …</c>, <c>t_x ?? …</c>, <c>Owner.t_x</c>.</summary>
    private static SimpleNameSyntax? FieldNamed(ExpressionSyntax value)
    {
        value = Unwrapped(value);
        value = value switch
        {
            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression } fill => fill.Left,
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } either => either.Left,
            _ => value,
        };

        return value switch
        {
            IdentifierNameSyntax name => name,
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } => name,
            _ => null,
        };
    }

    /// <summary>The expression inside parentheses and <c>!</c>: <c>(t_x!)</c> is <c>t_x</c>.</summary>
    private static ExpressionSyntax Unwrapped(ExpressionSyntax value)
    {
        while (value is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            value = value is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((PostfixUnaryExpressionSyntax)value).Operand;
        }

        return value;
    }

    private static bool IsAsync(SyntaxNode function) => function switch
    {
        MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
        AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
        _ => false,
    };

    /// <summary>Whether the function stores into the field anywhere but in <paramref name="initializer"/> (it takes the object out, or puts one back).</summary>
    private static bool StoresOtherwise(SyntaxNode function, string field, ExpressionSyntax initializer)
    {
        foreach (var token in SourceWords.IdentifiersNamed(function, field))
        {
            var named = token.Parent is IdentifierNameSyntax name && name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? (SyntaxNode)access : token.Parent;
            if (named?.Parent is AssignmentExpressionSyntax store && store.Left == named && !initializer.Span.Contains(store.Span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first <c>await</c> of the function itself (not of a lambda in it) after <paramref name="position"/>.</summary>
    private static SyntaxNode? FirstAwaitAfter(SyntaxNode function, int position)
    {
        foreach (var node in function.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node.SpanStart < position)
            {
                continue;
            }

            switch (node)
            {
                case AwaitExpressionSyntax:
                    return node;
                case CommonForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword } loop:
                    return loop;
                case UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword } scope:
                    return scope;
                case LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword } scoped:
                    return scoped;
            }
        }

        return null;
    }

    /// <summary>The first mention of the local after <paramref name="position"/>, outside lambdas and local functions.</summary>
    private static IdentifierNameSyntax? FirstUseAfter(SyntaxNode function, string local, int position)
    {
        foreach (var token in SourceWords.IdentifiersNamed(function, local))
        {
            if (token.SpanStart >= position && token.Parent is IdentifierNameSyntax use
                && MethodSyntaxFacts.FunctionOf(use) == function)
            {
                return use;
            }
        }

        return null;
    }
}
