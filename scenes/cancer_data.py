"""CS 189, Lecture 12, "The Cross Entropy Loss Surface for Logistic Regression", In[14]: the
breast-cancer data, mean radius against mean texture, standardized, coloured by the target."""
from gdanim import Scene, data, problems, views

scene = Scene(
    title="Breast cancer: radius and texture",
    description="The two classes overlap little: a line through the origin separates them well.",
    source="CS 189, Lecture 12, In[14]",
    problem=problems.LogisticRegression(data.breast_cancer()),
    views=[views.Data(by_target=True)],
    size="square",
)
