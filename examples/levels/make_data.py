# Writes the example tables of examples/levels (deterministic): python3 make_data.py in this folder.
import random, csv
random.seed(20251)
schools = [
 ("0101","МБОУ СОШ № 1","Северный",3,1),
 ("0102","МБОУ СОШ № 2","Северный",4,0),
 ("0103","МБОУ Лицей","Северный",5,2),
 ("0201","МБОУ СОШ № 5","Южный",2,1),
 ("0202","МБОУ ООШ с. Дубки","Южный",0,0),
 ("0203","МБОУ Гимназия","Южный",6,1),
 ("0204","МКОУ НОШ д. Ясная","Южный",1,0),
]
years=[2024,2025]
with open("школы.csv","w",newline="") as f:
    w=csv.writer(f,delimiter=";")
    w.writerow(["Код ОО","Год","Наименование ОО","Муниципалитет","Победители МЭ","Участники РЭ"])
    for y in years:
        for code,name,mun,win,reg in schools:
            if y==2024: win,reg=max(win-1,0),min(reg,max(win-1,0))
            w.writerow([code,y,name,mun,win,reg])
with open("муниципалитеты.csv","w",newline="") as f:
    w=csv.writer(f,delimiter=";")
    w.writerow(["Муниципалитет","Год","Число ОО"])
    for y in years:
        w.writerow(["Северный",y,3]); w.writerow(["Южный",y,5])
# reference: subject, class, year
ref={("Русский язык",5):(24.6,29),("Математика",5):(11.2,10),("Русский язык",6):(26.1,31)}
with open("эталон.csv","w",newline="") as f:
    w=csv.writer(f,delimiter=";")
    w.writerow(["Предмет","Класс","Год","Средний балл","Граница 4"])
    for y in years:
        for (subj,cl),(mean,b4) in ref.items():
            w.writerow([subj,cl,y,str(round(mean+(0.4 if y==2025 else 0),1)).replace(".",","),b4])
def mark(subj,score,b4):
    if subj=="Математика":
        return 2 if score<5 else 3 if score<b4 else 4 if score<15 else 5
    return 2 if score<18 else 3 if score<b4 else 4 if score<39 else 5
with open("участники.csv","w",newline="") as f:
    w=csv.writer(f,delimiter=";")
    w.writerow(["ОО","Год","Предмет","Класс","Вариант","Первичный балл","Отметка","Отметка по журналу"])
    for y in years:
        for code,name,mun,_,_ in schools:
            if code=="0202" and y==2025: continue   # did not take part
            if code=="0204": continue               # never took part
            for (subj,cl),(mean,b4) in ref.items():
                n=random.randint(4,8)
                for i in range(n):
                    top = 45 if subj!="Математика" else 20
                    score=max(0,min(top,int(random.gauss(mean,6 if top==45 else 3))))
                    if code=="0103" and subj=="Русский язык" and i%2==0: score=b4   # a peak at the boundary
                    m=mark(subj,score,b4)
                    j=m
                    r=random.random()
                    if code=="0201" and r<0.5: j=min(5,m+2)
                    elif r<0.15: j=min(5,m+1)
                    jr = "" if random.random()<0.05 else j
                    w.writerow([code,y,subj,cl,random.randint(1,2),score,m,jr])
    w.writerow(["0999",2025,"Русский язык",5,1,20,3,3])   # a school not in the school table
with open("педагоги.csv","w",newline="") as f:
    w=csv.writer(f,delimiter=";")
    w.writerow(["ОО","Год","Год ПК"])
    for y in years:
        for code,*_ in schools:
            for i in range(random.randint(3,6)):
                last = y-random.choice([0,1,2,3,4,5,6]) if random.random()>0.08 else ""
                w.writerow([code,y,last])
