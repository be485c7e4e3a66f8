"""Write a synthetic user catalog of N programs (realistic field sizes) for benchmarks.

    python benchmarks/gen_catalog.py 100000 /tmp/mc100k     # -> /tmp/mc100k/data/programs/synthetic.yaml
    MICROCRED_HOME=/tmp/mc100k microcred search python --json

Titles, providers and skills are drawn from fixed word lists with a seeded generator, so the
same N always gives the same file. About 4% of titles mention Python.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

TOPICS = [
    "Data Analysis",
    "Machine Learning",
    "Deep Learning",
    "Cloud Computing",
    "Cybersecurity",
    "Project Management",
    "Digital Marketing",
    "UX Design",
    "Music Production",
    "Financial Accounting",
    "Public Health",
    "Supply Chain",
    "Web Development",
    "Mobile Apps",
    "Statistics",
    "Leadership",
    "Sustainability",
    "Blockchain",
    "Photography",
    "Game Design",
    "Natural Language Processing",
    "Computer Vision",
    "Robotics",
    "Bioinformatics",
    "Teaching",
]
TECH = [
    "Python",
    "SQL",
    "R",
    "Java",
    "JavaScript",
    "Excel",
    "Tableau",
    "AWS",
    "Azure",
    "TensorFlow",
    "Spark",
    "Go",
    "Swift",
    "Scala",
    "Figma",
]
SHAPES = [
    "Introduction to {t}",
    "{t} with {x}",
    "Applied {t}",
    "{t} for Everybody",
    "Advanced {t}",
    "{t} Fundamentals",
    "Practical {t} using {x}",
    "{x} for {t}",
    "{t}: From Basics to {x}",
    "Mastering {t}",
]
KINDS = [
    "Specialization",
    "Professional Certificate",
    "Nanodegree",
    "MicroMasters",
    "Program",
    "Microcredential",
]
PROVIDERS = [
    f"{a} {b}"
    for a in ["North", "South", "East", "West", "Central", "Pacific", "Atlantic", "Royal"]
    for b in ["University", "Institute", "College", "Academy", "Labs", "School of Technology"]
]
SKILLS = [s.lower() for s in TECH + TOPICS] + [
    "data visualization",
    "statistics",
    "linear regression",
    "agile",
    "scrum",
    "seo",
    "figma",
    "user research",
    "networking",
    "linux",
    "docker",
    "kubernetes",
    "excel",
    "budgeting",
]
FIELDS = [
    "computer-science",
    "data-science",
    "ai-ml",
    "cloud-it",
    "cybersecurity",
    "business-management",
    "product-project-management",
    "marketing",
    "design-ux",
    "creative-arts-music",
    "health",
    "sustainability-energy",
    "languages-humanities",
    "finance",
    "education",
]
PLATFORMS = ["coursera", "edx", "udacity", "futurelearn", "kadenze"]


def program(i: int, rng: random.Random) -> str:
    tech = "Python" if rng.random() < 0.04 else rng.choice(TECH)
    title = rng.choice(SHAPES).format(t=rng.choice(TOPICS), x=tech)
    platform = rng.choice(PLATFORMS)
    skills = ", ".join(rng.sample(SKILLS, rng.randint(4, 10)))
    fields = ", ".join(rng.sample(FIELDS, rng.randint(1, 3)))
    if platform in ("coursera", "udacity", "kadenze"):
        cost = "{model: subscription, free_audit: true}"
    else:
        cost = f"{{model: one_time, price: {{amount: {rng.randint(50, 3000)}, currency: USD}}}}"
    credential = rng.choice(KINDS)
    kind = "credit-program" if credential in ("MicroMasters", "MicroBachelors") else "program"
    return (
        f"- id: synthetic-{i}\n"
        f'  title: "{title} {i}"\n'
        f"  platform: {platform}\n"
        f"  provider: {rng.choice(PROVIDERS)}\n"
        f"  credential_type: {credential}\n"
        f"  kind: {kind}\n"
        f"  fields: [{fields}]\n"
        f"  skills: [{skills}]\n"
        f"  level: {rng.choice(['beginner', 'intermediate', 'advanced', 'mixed'])}\n"
        f"  cost: {cost}\n"
        f"  effort: {{hours_per_week: {rng.randint(2, 15)}, weeks: {rng.randint(2, 60)}}}\n"
        f"  url: https://example.org/programs/{i}\n"
        f"  source: https://example.org/programs/{i}\n"
        f"  as_of: 2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n"
    )


def generate(count: int, home: Path, seed: int = 1) -> Path:
    rng = random.Random(seed)
    target = home / "data" / "programs" / "synthetic.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as out:
        out.write(f"# {count} synthetic programs for benchmarks (benchmarks/gen_catalog.py, seed {seed})\n")
        for i in range(count):
            out.write(program(i, rng))
    return target


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(generate(n, Path(sys.argv[2] if len(sys.argv) > 2 else f"/tmp/microcred-bench-{n}")))
