using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Forklift.CodeFixes.SharedState;

/// <summary>
/// Wraps the statement holding a racing access in <c>lock</c>, on the lock the type already uses or on a new
/// <c>private readonly object</c> (or <c>System.Threading.Lock</c> when the target framework has it) field.
/// </summary>
internal sealed class LockInsertion
{
    private readonly DocumentEditor _editor;
    private readonly Dictionary<(TypeDeclarationSyntax, bool), string> _newLocks = new();
    private readonly HashSet<SyntaxNode> _wrapped = new();

    public LockInsertion(DocumentEditor editor) => _editor = editor;

    public bool AddedLockType { get; private set; }

    /// <summary>The statement, void lambda or void expression-bodied member to wrap, or null if the access sits elsewhere.</summary>
    public static SyntaxNode? WrapTarget(SyntaxNode access, SemanticModel model, CancellationToken cancellationToken)
    {
        for (SyntaxNode? node = access; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ExpressionStatementSyntax statement:
                    var target = (StatementSyntax?)CheckThatActsOn(statement, access, model, cancellationToken) ?? statement;
                    if (target is IfStatementSyntax { Parent: ElseClauseSyntax })
                    {
                        return null; // an 'else if' cannot be wrapped alone, and wrapping only the act would leave the race
                    }

                    return target.Parent is BlockSyntax or IfStatementSyntax or ElseClauseSyntax or ForStatementSyntax
                        or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or UsingStatementSyntax
                        or SwitchSectionSyntax or LabeledStatementSyntax
                        ? target
                        : null;
                case LambdaExpressionSyntax { ExpressionBody: { } body } lambda when IsStatementExpression(body):
                    return model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: true } ? lambda : null;
                case ArrowExpressionClauseSyntax arrow when arrow.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax && IsStatementExpression(arrow.Expression):
                    return model.GetDeclaredSymbol(arrow.Parent, cancellationToken) is IMethodSymbol { ReturnsVoid: true } ? arrow.Parent : null;
                case StatementSyntax or MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The outermost <c>if</c> around <paramref name="statement"/> (in the same body) whose condition reads the state
    /// the statement writes: a check-then-act such as <c>if (cache == null) cache = Load();</c>. The lock must cover the
    /// check and the act together, or the race stays.
    /// </summary>
    private static IfStatementSyntax? CheckThatActsOn(StatementSyntax statement, SyntaxNode access, SemanticModel model, CancellationToken cancellationToken)
    {
        var written = WrittenSymbol(access, model, cancellationToken);
        if (written is null)
        {
            return null;
        }

        IfStatementSyntax? outermost = null;
        for (var node = statement.Parent; node is not null and not (MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax); node = node.Parent)
        {
            if (node is IfStatementSyntax check && Reads(check.Condition, written, model, cancellationToken))
            {
                outermost = check;
            }
        }

        return outermost;
    }

    private static ISymbol? WrittenSymbol(SyntaxNode access, SemanticModel model, CancellationToken cancellationToken)
    {
        var target = access switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left,
            PostfixUnaryExpressionSyntax postfix => postfix.Operand,
            PrefixUnaryExpressionSyntax prefix => prefix.Operand,
            ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } => assignment.Left,
            _ => null,
        };
        if (target is ElementAccessExpressionSyntax element)
        {
            target = element.Expression; // 'd[k] = v' acts on the collection 'd'
        }

        return target is null ? null : model.GetSymbolInfo(target, cancellationToken).Symbol;
    }

    private static bool Reads(ExpressionSyntax condition, ISymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var name in condition.DescendantNodesAndSelf().OfType<SimpleNameSyntax>())
        {
            if (name.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Expressions that may stand alone as a statement once the lambda or member gets a block body.</summary>
    private static bool IsStatementExpression(ExpressionSyntax expression)
        => expression is InvocationExpressionSyntax or AssignmentExpressionSyntax or AwaitExpressionSyntax or ObjectCreationExpressionSyntax
            || expression.IsKind(SyntaxKind.PostIncrementExpression) || expression.IsKind(SyntaxKind.PostDecrementExpression)
            || expression.IsKind(SyntaxKind.PreIncrementExpression) || expression.IsKind(SyntaxKind.PreDecrementExpression);

    /// <summary>The lock expression to use at <paramref name="access"/>: the named lock, an existing lock field, or a new one.</summary>
    public ExpressionSyntax LockFor(SyntaxNode access, SemanticModel model, string? preferredLock, bool stateIsStatic, CancellationToken cancellationToken)
    {
        if (preferredLock == "this")
        {
            return SyntaxFactory.ThisExpression();
        }

        if (preferredLock is not null && preferredLock != "its lock")
        {
            return SyntaxFactory.IdentifierName(preferredLock);
        }

        var type = access.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        var member = model.GetEnclosingSymbol(access.SpanStart, cancellationToken);
        while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            member = member.ContainingSymbol;
        }

        var needStatic = stateIsStatic || member is null || member.IsStatic;
        if (type is null || model.GetDeclaredSymbol(type, cancellationToken) is not { } typeSymbol)
        {
            return SyntaxFactory.IdentifierName("_lock");
        }

        if (_newLocks.TryGetValue((type, needStatic), out var created))
        {
            return SyntaxFactory.IdentifierName(created);
        }

        var lockType = model.Compilation.GetTypeByMetadataName("System.Threading.Lock");
        foreach (var field in typeSymbol.GetMembers().OfType<IFieldSymbol>())
        {
            var isLockObject = field.Type.SpecialType == SpecialType.System_Object
                || (lockType is not null && SymbolEqualityComparer.Default.Equals(field.Type, lockType));
            if (isLockObject && field.IsReadOnly && field.IsStatic == needStatic)
            {
                return SyntaxFactory.IdentifierName(field.Name);
            }
        }

        var name = needStatic ? "s_lock" : "_lock";
        for (var i = 2; !typeSymbol.GetMembers(name).IsEmpty; i++)
        {
            name = (needStatic ? "s_lock" : "_lock") + i;
        }

        var useLockType = lockType is not null;
        var generator = _editor.Generator;
        var declaration = generator.FieldDeclaration(
            name,
            useLockType ? SyntaxFactory.IdentifierName("Lock") : generator.TypeExpression(SpecialType.System_Object),
            Accessibility.Private,
            DeclarationModifiers.ReadOnly.WithIsStatic(needStatic),
            useLockType ? SyntaxFactory.ImplicitObjectCreationExpression() : generator.ObjectCreationExpression(generator.TypeExpression(SpecialType.System_Object)));
        _editor.InsertMembers(type, 0, [declaration]);
        AddedLockType |= useLockType;
        _newLocks[(type, needStatic)] = name;
        return SyntaxFactory.IdentifierName(name);
    }

    /// <summary>Wraps <paramref name="target"/> (from <see cref="WrapTarget"/>) in <c>lock (<paramref name="lockExpression"/>)</c>.</summary>
    public void Wrap(SyntaxNode target, ExpressionSyntax lockExpression)
    {
        if (!_wrapped.Add(target))
        {
            return;
        }

        _editor.ReplaceNode(target, (current, _) => current switch
        {
            LambdaExpressionSyntax { ExpressionBody: { } body } lambda
                => lambda.WithExpressionBody(null).WithBlock(MultiLineBlock(LockStatement(lockExpression, SyntaxFactory.ExpressionStatement(body.WithoutTrivia()))))
                    .WithAdditionalAnnotations(Formatter.Annotation),
            MethodDeclarationSyntax { ExpressionBody: { } arrow } method
                => method.WithExpressionBody(null).WithSemicolonToken(default)
                    .WithBody(MultiLineBlock(LockStatement(lockExpression, SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia()))))
                    .WithAdditionalAnnotations(Formatter.Annotation),
            LocalFunctionStatementSyntax { ExpressionBody: { } localArrow } local
                => local.WithExpressionBody(null).WithSemicolonToken(default)
                    .WithBody(MultiLineBlock(LockStatement(lockExpression, SyntaxFactory.ExpressionStatement(localArrow.Expression.WithoutTrivia()))))
                    .WithAdditionalAnnotations(Formatter.Annotation),
            StatementSyntax statement => LockStatement(lockExpression, statement.WithoutTrivia()).WithTriviaFrom(statement),
            _ => current,
        });
    }

    /// <summary>A block whose braces sit on their own lines: the formatter keeps a new lambda block on one line otherwise.</summary>
    private static BlockSyntax MultiLineBlock(StatementSyntax statement)
        => SyntaxFactory.Block(
            SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed),
            SyntaxFactory.SingletonList(statement.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)),
            SyntaxFactory.Token(SyntaxKind.CloseBraceToken));

    private static LockStatementSyntax LockStatement(ExpressionSyntax lockExpression, StatementSyntax statement)
        => SyntaxFactory.LockStatement(lockExpression.WithoutTrivia(), SyntaxFactory.Block(statement))
            .WithAdditionalAnnotations(Formatter.Annotation);
}
